package dev.loupe.executor.kernels.math;

/// `Asin` (version 7): arcsine.
final class AsinKernel extends UnaryKernel {

    AsinKernel() {
        super("Asin");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (Math.asin(v));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.asin(v);
        }
    }
}
