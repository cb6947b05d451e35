package dev.loupe.executor.kernels.math;

/// `Log` (versions 1, 6, 13): natural logarithm.
final class LogKernel extends UnaryKernel {

    LogKernel() {
        super("Log");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (Math.log(v));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.log(v);
        }
    }
}
