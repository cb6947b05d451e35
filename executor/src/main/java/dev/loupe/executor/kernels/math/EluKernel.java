package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.NodeSpec;

/// `Elu` (versions 1, 6): `x` where it is at least 0, else `alpha * (e^x - 1)` (alpha 1).
final class EluKernel extends UnaryKernel {

    private final double alpha;

    EluKernel(NodeSpec spec) {
        super("Elu");
        this.alpha = spec.floatAttr("alpha", 1.0f);
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (v < 0 ? alpha * (Math.exp(v) - 1) : v);
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = v < 0 ? alpha * (Math.exp(v) - 1) : v;
        }
    }
}
