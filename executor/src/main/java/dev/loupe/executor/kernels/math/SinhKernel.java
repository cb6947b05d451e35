package dev.loupe.executor.kernels.math;

/// `Sinh` (version 9): hyperbolic sine.
final class SinhKernel extends UnaryKernel {

    SinhKernel() {
        super("Sinh");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (Math.sinh(v));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.sinh(v);
        }
    }
}
