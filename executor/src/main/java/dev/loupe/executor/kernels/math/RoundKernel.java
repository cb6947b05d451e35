package dev.loupe.executor.kernels.math;

/// `Round` (version 11): to the nearest integer, halves to even.
final class RoundKernel extends UnaryKernel {

    RoundKernel() {
        super("Round");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (Math.rint(v));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.rint(v);
        }
    }
}
