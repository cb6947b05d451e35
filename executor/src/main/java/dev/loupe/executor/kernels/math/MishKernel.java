package dev.loupe.executor.kernels.math;

/// `Mish` (version 18): `x * tanh(softplus(x))`.
final class MishKernel extends UnaryKernel {

    MishKernel() {
        super("Mish");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (v * Math.tanh(SpecialFunctions.softplus(v)));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = v * Math.tanh(SpecialFunctions.softplus(v));
        }
    }
}
