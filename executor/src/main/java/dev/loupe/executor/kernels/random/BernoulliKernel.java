package dev.loupe.executor.kernels.random;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.random.RandomGenerator;

/// `Bernoulli` 15 · input: float, double (probabilities) → output: `dtype` (by default the input's type; any
/// numeric type or bool), same shape.
///
/// Each element is 1 with the probability given by the input element and 0 otherwise.
final class BernoulliKernel extends RandomKernel {

    private final ElementType type;

    BernoulliKernel(NodeSpec spec) {
        super(spec);
        type = dtype(spec, null);
    }

    @Override
    protected RuntimeValue[] sample(RuntimeValue[] in, RandomGenerator random) {
        var p = input(in, 0, "input");
        if (p.type() != ElementType.FLOAT && p.type() != ElementType.DOUBLE) {
            throw new KernelException("input of type " + p.type().onnxName() + " is not supported; expected float or double");
        }
        var out = Tensor.allocate(type != null ? type : p.type(), p.shape());
        int n = p.size();
        for (int i = 0; i < n; i++) {
            out.setDouble(i, random.nextDouble() < p.getDouble(i) ? 1 : 0);
        }
        return new RuntimeValue[] {out};
    }
}
