package dev.loupe.executor.kernels.math;

/// `Floor` (versions 1, 6, 13): the largest integer not above `x`.
final class FloorKernel extends UnaryKernel {

    FloorKernel() {
        super("Floor");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (Math.floor(v));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.floor(v);
        }
    }
}
