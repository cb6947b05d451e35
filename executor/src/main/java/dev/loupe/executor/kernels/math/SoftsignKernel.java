package dev.loupe.executor.kernels.math;

/// `Softsign` (version 1): `x / (1 + |x|)`.
final class SoftsignKernel extends UnaryKernel {

    SoftsignKernel() {
        super("Softsign");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (v / (1 + Math.abs(v)));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = v / (1 + Math.abs(v));
        }
    }
}
