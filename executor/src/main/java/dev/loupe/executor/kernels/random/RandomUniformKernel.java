package dev.loupe.executor.kernels.random;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.model.ElementType;

import java.util.random.RandomGenerator;

/// `RandomUniform` 1 and `RandomUniformLike` 1 → output: `dtype` (float, double, float16, bfloat16; float by
/// default, the input's type for the `Like` form) of `shape`, or of the input's shape for the `Like` form.
///
/// Values are uniform in `[low, high)` (defaults 0 and 1).
final class RandomUniformKernel extends RandomKernel {

    private final double low;
    private final double high;
    private final long[] shape;
    private final ElementType type;

    private RandomUniformKernel(NodeSpec spec, boolean like) {
        super(spec);
        low = spec.floatAttr("low", 0f);
        high = spec.floatAttr("high", 1f);
        shape = like ? null : spec.intsAttr("shape", null);
        if (!like && shape == null) {
            throw new KernelException("required attribute 'shape' is missing");
        }
        type = dtype(spec, like ? null : ElementType.FLOAT);
    }

    static RandomUniformKernel fixed(NodeSpec spec) {
        return new RandomUniformKernel(spec, false);
    }

    static RandomUniformKernel like(NodeSpec spec) {
        return new RandomUniformKernel(spec, true);
    }

    @Override
    protected RuntimeValue[] sample(RuntimeValue[] in, RandomGenerator random) {
        var template = shape == null ? input(in, 0, "input") : null;
        var s = template == null ? shape : template.shape();
        var values = new double[Shapes.checkedSize(s)];
        for (int i = 0; i < values.length; i++) {
            values[i] = low + (high - low) * random.nextDouble();
        }
        return new RuntimeValue[] {floating(type != null ? type : template.type(), s, values)};
    }
}
