package dev.loupe.executor.kernels.random;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.model.ElementType;

import java.util.random.RandomGenerator;

/// `RandomNormal` 1 and `RandomNormalLike` 1 → output: `dtype` (float, double, float16, bfloat16; float by
/// default, the input's type for the `Like` form) of `shape`, or of the input's shape for the `Like` form.
///
/// Values are normal with `mean` (default 0) and standard deviation `scale` (default 1).
final class RandomNormalKernel extends RandomKernel {

    private final double mean;
    private final double scale;
    private final long[] shape;
    private final ElementType type;

    private RandomNormalKernel(NodeSpec spec, boolean like) {
        super(spec);
        mean = spec.floatAttr("mean", 0f);
        scale = spec.floatAttr("scale", 1f);
        shape = like ? null : spec.intsAttr("shape", null);
        if (!like && shape == null) {
            throw new KernelException("required attribute 'shape' is missing");
        }
        type = dtype(spec, like ? null : ElementType.FLOAT);
    }

    static RandomNormalKernel fixed(NodeSpec spec) {
        return new RandomNormalKernel(spec, false);
    }

    static RandomNormalKernel like(NodeSpec spec) {
        return new RandomNormalKernel(spec, true);
    }

    @Override
    protected RuntimeValue[] sample(RuntimeValue[] in, RandomGenerator random) {
        var template = shape == null ? input(in, 0, "input") : null;
        var s = template == null ? shape : template.shape();
        var values = new double[Shapes.checkedSize(s)];
        for (int i = 0; i < values.length; i++) {
            values[i] = mean + scale * random.nextGaussian();
        }
        return new RuntimeValue[] {floating(type != null ? type : template.type(), s, values)};
    }
}
