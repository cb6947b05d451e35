package dev.loupe.executor.kernels.math;

/// `HardSwish` (version 14): `x * max(0, min(1, x / 6 + 0.5))`.
final class HardSwishKernel extends UnaryKernel {

    HardSwishKernel() {
        super("HardSwish");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (v * Math.max(0, Math.min(1, v / 6 + 0.5)));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = v * Math.max(0, Math.min(1, v / 6 + 0.5));
        }
    }
}
