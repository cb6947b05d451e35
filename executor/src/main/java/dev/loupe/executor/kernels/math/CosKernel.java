package dev.loupe.executor.kernels.math;

/// `Cos` (version 7): cosine.
final class CosKernel extends UnaryKernel {

    CosKernel() {
        super("Cos");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (Math.cos(v));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.cos(v);
        }
    }
}
