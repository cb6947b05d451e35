package dev.loupe.executor.kernels.math;

/// `Tan` (version 7): tangent.
final class TanKernel extends UnaryKernel {

    TanKernel() {
        super("Tan");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (Math.tan(v));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.tan(v);
        }
    }
}
