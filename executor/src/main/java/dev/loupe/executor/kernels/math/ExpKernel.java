package dev.loupe.executor.kernels.math;

/// `Exp` (versions 1, 6, 13): `e^x`.
final class ExpKernel extends UnaryKernel {

    ExpKernel() {
        super("Exp");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (Math.exp(v));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.exp(v);
        }
    }
}
