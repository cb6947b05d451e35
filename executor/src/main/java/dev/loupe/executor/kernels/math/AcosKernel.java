package dev.loupe.executor.kernels.math;

/// `Acos` (version 7): arccosine.
final class AcosKernel extends UnaryKernel {

    AcosKernel() {
        super("Acos");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (Math.acos(v));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.acos(v);
        }
    }
}
