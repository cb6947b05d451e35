package dev.loupe.executor.kernels.math;

/// `Atanh` (version 9): inverse hyperbolic tangent.
final class AtanhKernel extends UnaryKernel {

    AtanhKernel() {
        super("Atanh");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (0.5 * Math.log((1 + v) / (1 - v)));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = 0.5 * Math.log((1 + v) / (1 - v));
        }
    }
}
