package dev.loupe.executor.kernels.math;

/// `Cosh` (version 9): hyperbolic cosine.
final class CoshKernel extends UnaryKernel {

    CoshKernel() {
        super("Cosh");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (Math.cosh(v));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.cosh(v);
        }
    }
}
