package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.NodeSpec;

/// `LeakyRelu` (versions 1, 6, 16): `x` where it is at least 0, else `alpha * x` (alpha 0.01).
final class LeakyReluKernel extends UnaryKernel {

    private final double alpha;

    LeakyReluKernel(NodeSpec spec) {
        super("LeakyRelu");
        this.alpha = spec.floatAttr("alpha", 0.01f);
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (v < 0 ? alpha * v : v);
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = v < 0 ? alpha * v : v;
        }
    }
}
