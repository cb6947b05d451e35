package dev.loupe.executor.kernels.math;

/// `Sin` (version 7): sine.
final class SinKernel extends UnaryKernel {

    SinKernel() {
        super("Sin");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (Math.sin(v));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.sin(v);
        }
    }
}
