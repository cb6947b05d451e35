package dev.loupe.executor.kernels.random;

import dev.loupe.executor.kernel.NodeSpec;

import java.util.random.RandomGenerator;

/// `RandomNormal` 1 and `RandomNormalLike` 1 → output: `dtype` (float, double, float16, bfloat16; float by
/// default, the input's type for the `Like` form) of `shape`, or of the input's shape for the `Like` form.
///
/// Values are normal with `mean` (default 0) and standard deviation `scale` (default 1).
final class RandomNormalKernel extends DistributionKernel {

    private final double mean;
    private final double scale;

    private RandomNormalKernel(NodeSpec spec, boolean like) {
        super(spec, like);
        mean = spec.floatAttr("mean", 0f);
        scale = spec.floatAttr("scale", 1f);
    }

    static RandomNormalKernel fixed(NodeSpec spec) {
        return new RandomNormalKernel(spec, false);
    }

    static RandomNormalKernel like(NodeSpec spec) {
        return new RandomNormalKernel(spec, true);
    }

    @Override
    protected double draw(RandomGenerator random) {
        return mean + scale * random.nextGaussian();
    }
}
