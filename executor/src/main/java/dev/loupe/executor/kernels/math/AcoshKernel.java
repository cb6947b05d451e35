package dev.loupe.executor.kernels.math;

/// `Acosh` (version 9): inverse hyperbolic cosine.
final class AcoshKernel extends UnaryKernel {

    AcoshKernel() {
        super("Acosh");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (Math.log(v + Math.sqrt(v * v - 1)));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.log(v + Math.sqrt(v * v - 1));
        }
    }
}
