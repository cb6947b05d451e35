package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

import java.util.Arrays;

/// `ScatterElements` (versions 11, 13, 16, 18) and the deprecated `Scatter` (versions 9, 11), any element
/// type, int32 or int64 indices: a copy of `data` where each element of `updates` is written (or, with
/// `reduction` from version 16, combined) at its own position with the coordinate on `axis` replaced by the
/// index there.
final class ScatterElementsKernel extends SingleOutputKernel {

    private final long axis;
    private final ScatterReduction reduction;

    ScatterElementsKernel(NodeSpec node) {
        this.axis = node.intAttr("axis", 0);
        this.reduction = ScatterReduction.of(node.stringAttr("reduction", "none"));
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var data = Operands.tensor(inputs, 0, "data");
        var indices = Operands.tensor(inputs, 1, "indices");
        var updates = Operands.tensor(inputs, 2, "updates");
        if (!Arrays.equals(indices.shape(), updates.shape()) || indices.rank() != data.rank()) {
            throw new KernelException("indices " + indices.describe() + " and updates " + updates.describe()
                    + " must have one shape, of the rank of data " + data.describe());
        }
        int a = Operands.axis(axis, data.rank(), "axis");
        var target = ElementPositions.alongAxis(data.shape(), indices.shape(), a, Operands.longs(indices, "indices"));
        return reduction.apply(data, target, updates);
    }
}
