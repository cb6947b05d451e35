package dev.loupe.executor.kernels.random;

import dev.loupe.executor.kernel.NodeSpec;

import java.util.random.RandomGenerator;

/// `RandomUniform` 1 and `RandomUniformLike` 1 → output: `dtype` (float, double, float16, bfloat16; float by
/// default, the input's type for the `Like` form) of `shape`, or of the input's shape for the `Like` form.
///
/// Values are uniform in `[low, high)` (defaults 0 and 1).
final class RandomUniformKernel extends DistributionKernel {

    private final double low;
    private final double high;

    private RandomUniformKernel(NodeSpec spec, boolean like) {
        super(spec, like);
        low = spec.floatAttr("low", 0f);
        high = spec.floatAttr("high", 1f);
    }

    static RandomUniformKernel fixed(NodeSpec spec) {
        return new RandomUniformKernel(spec, false);
    }

    static RandomUniformKernel like(NodeSpec spec) {
        return new RandomUniformKernel(spec, true);
    }

    @Override
    protected double draw(RandomGenerator random) {
        return low + (high - low) * random.nextDouble();
    }
}
