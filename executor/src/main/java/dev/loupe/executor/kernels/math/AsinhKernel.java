package dev.loupe.executor.kernels.math;

/// `Asinh` (version 9): inverse hyperbolic sine.
final class AsinhKernel extends UnaryKernel {

    AsinhKernel() {
        super("Asinh");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (Math.log(v + Math.sqrt(v * v + 1)));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.log(v + Math.sqrt(v * v + 1));
        }
    }
}
