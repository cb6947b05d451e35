package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.NodeSpec;

/// `Celu` (version 12): `max(0, x) + min(0, alpha * (e^(x / alpha) - 1))` (alpha 1).
final class CeluKernel extends UnaryKernel {

    private final double alpha;

    CeluKernel(NodeSpec spec) {
        super("Celu");
        this.alpha = spec.floatAttr("alpha", 1.0f);
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (Math.max(0, v) + Math.min(0, alpha * (Math.exp(v / alpha) - 1)));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.max(0, v) + Math.min(0, alpha * (Math.exp(v / alpha) - 1));
        }
    }
}
