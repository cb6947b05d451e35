package dev.loupe.executor.kernels.math;

/// `Atan` (version 7): arctangent.
final class AtanKernel extends UnaryKernel {

    AtanKernel() {
        super("Atan");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (Math.atan(v));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.atan(v);
        }
    }
}
