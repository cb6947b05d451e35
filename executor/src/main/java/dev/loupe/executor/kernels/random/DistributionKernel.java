package dev.loupe.executor.kernels.random;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.model.ElementType;

import java.util.random.RandomGenerator;

/// Template for the operators that fill a tensor with independent draws from one distribution, in two forms:
/// the plain form takes its `shape` attribute and `dtype` (float by default); the `Like` form takes both from
/// its input unless `dtype` is given. Subclasses supply one draw.
abstract class DistributionKernel extends RandomKernel {

    private final long[] shape;
    private final ElementType type;

    DistributionKernel(NodeSpec spec, boolean like) {
        super(spec);
        shape = like ? null : spec.intsAttr("shape", null);
        if (!like && shape == null) {
            throw new KernelException("required attribute 'shape' is missing");
        }
        type = dtype(spec, like ? null : ElementType.FLOAT);
    }

    /// One value of the distribution.
    protected abstract double draw(RandomGenerator random);

    @Override
    protected final RuntimeValue[] sample(RuntimeValue[] in, RandomGenerator random) {
        var template = shape == null ? input(in, 0, "input") : null;
        var s = template == null ? shape : template.shape();
        var values = new double[Shapes.checkedSize(s)];
        for (int i = 0; i < values.length; i++) {
            values[i] = draw(random);
        }
        return new RuntimeValue[] {floating(type != null ? type : template.type(), s, values)};
    }
}
