package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `InstanceNormalization` (versions 1, 6), float types: each image's channel is normalized over its spatial
/// positions, `y = scale * (x - mean) / sqrt(var + epsilon) + B`, with per-channel `scale` and `B`.
final class InstanceNormalizationKernel extends NnKernel {

    private final double epsilon;

    InstanceNormalizationKernel(NodeSpec node) {
        super("input", 3);
        this.epsilon = node.floatAttr("epsilon", 1e-5f);
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        int n = (int) x.dim(0);
        int c = (int) x.dim(1);
        var scale = Broadcasting.perChannel(Operands.tensor(inputs, 1, "scale"), c, "scale");
        var bias = Broadcasting.perChannel(Operands.tensor(inputs, 2, "B"), c, "B");
        var xv = Numbers.toDoubles(x);
        int size = n * c == 0 ? 0 : x.size() / (n * c);
        var y = new double[xv.length];
        for (int plane = 0; plane < n * c; plane++) {
            int ch = plane % c;
            Moments.normalize(xv, y, plane * size, size, epsilon, scale[ch], bias[ch]);
        }
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), x.shape(), y)};
    }
}
