package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.NodeSpec;

/// `Selu` (versions 1, 6): `gamma * x` where positive, else `gamma * alpha * (e^x - 1)`.
final class SeluKernel extends UnaryKernel {

    private final double alpha;
    private final double gamma;

    SeluKernel(NodeSpec spec) {
        super("Selu");
        this.alpha = spec.floatAttr("alpha", 1.67326319217681884765625f);
        this.gamma = spec.floatAttr("gamma", 1.05070102214813232421875f);
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (v > 0 ? gamma * v : gamma * (alpha * Math.exp(v) - alpha));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = v > 0 ? gamma * v : gamma * (alpha * Math.exp(v) - alpha);
        }
    }
}
