package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.NodeSpec;

/// `ThresholdedRelu` (version 10): `x` where above alpha, else 0 (alpha 1).
final class ThresholdedReluKernel extends UnaryKernel {

    private final double alpha;

    ThresholdedReluKernel(NodeSpec spec) {
        super("ThresholdedRelu");
        this.alpha = spec.floatAttr("alpha", 1.0f);
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (v > alpha ? v : 0);
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = v > alpha ? v : 0;
        }
    }
}
