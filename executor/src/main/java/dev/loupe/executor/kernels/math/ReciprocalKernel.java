package dev.loupe.executor.kernels.math;

/// `Reciprocal` (versions 1, 6, 13): `1 / x`.
final class ReciprocalKernel extends UnaryKernel {

    ReciprocalKernel() {
        super("Reciprocal");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (1 / v);
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = 1 / v;
        }
    }
}
