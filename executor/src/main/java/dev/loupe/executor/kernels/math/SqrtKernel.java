package dev.loupe.executor.kernels.math;

/// `Sqrt` (versions 1, 6, 13): square root (NaN for negative inputs).
final class SqrtKernel extends UnaryKernel {

    SqrtKernel() {
        super("Sqrt");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (Math.sqrt(v));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.sqrt(v);
        }
    }
}
