package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `GatherElements` (versions 11, 13), any element type, int32 or int64 indices: the output has the shape of
/// `indices`, and each element is taken from `data` at its own position with the coordinate on `axis`
/// replaced by the index there.
final class GatherElementsKernel extends SingleOutputKernel {

    private final long axis;

    GatherElementsKernel(NodeSpec node) {
        this.axis = node.intAttr("axis", 0);
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var data = Operands.tensor(inputs, 0, "data");
        var indicesTensor = Operands.tensor(inputs, 1, "indices");
        if (indicesTensor.rank() != data.rank()) {
            throw new KernelException("indices " + indicesTensor.describe() + " must have the rank of data " + data.describe());
        }
        int a = Operands.axis(axis, data.rank(), "axis");
        var positions = ElementPositions.alongAxis(data.shape(), indicesTensor.shape(), a,
                Operands.longs(indicesTensor, "indices"));
        return Elements.take(data, indicesTensor.shape(), positions);
    }
}
