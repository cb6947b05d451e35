package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `CastLike` (versions 15, 19, 21): `Cast` to the element type of the second input.
final class CastLikeKernel extends SingleOutputKernel {

    private final boolean saturate;

    CastLikeKernel(NodeSpec node) {
        this.saturate = node.intAttr("saturate", 1) != 0;
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var like = Operands.tensor(inputs, 1, "target_type");
        return Conversion.convert(Operands.tensor(inputs, 0, "input"), like.type(), saturate);
    }
}
