package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.NodeSpec;

/// `HardSigmoid` (versions 1, 6): `max(0, min(1, alpha * x + beta))` (alpha 0.2, beta 0.5).
final class HardSigmoidKernel extends UnaryKernel {

    private final double alpha;
    private final double beta;

    HardSigmoidKernel(NodeSpec spec) {
        super("HardSigmoid");
        this.alpha = spec.floatAttr("alpha", 0.2f);
        this.beta = spec.floatAttr("beta", 0.5f);
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (Math.max(0, Math.min(1, alpha * v + beta)));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.max(0, Math.min(1, alpha * v + beta));
        }
    }
}
