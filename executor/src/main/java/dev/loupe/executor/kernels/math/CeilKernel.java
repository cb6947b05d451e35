package dev.loupe.executor.kernels.math;

/// `Ceil` (versions 1, 6, 13): the smallest integer not below `x`.
final class CeilKernel extends UnaryKernel {

    CeilKernel() {
        super("Ceil");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (Math.ceil(v));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.ceil(v);
        }
    }
}
