package dev.loupe.executor.kernels.math;

/// `Softplus` (version 1): `ln(1 + e^x)`.
final class SoftplusKernel extends UnaryKernel {

    SoftplusKernel() {
        super("Softplus");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (SpecialFunctions.softplus(v));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = SpecialFunctions.softplus(v);
        }
    }
}
