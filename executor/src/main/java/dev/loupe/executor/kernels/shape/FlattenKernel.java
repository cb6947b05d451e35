package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `Flatten` (versions 1, 9, 11, 13, 21), any element type: a 2-D view whose first dimension is the product
/// of the dimensions before `axis` (default 1, negative from version 11).
final class FlattenKernel extends SingleOutputKernel {

    private final long axis;

    FlattenKernel(NodeSpec node) {
        this.axis = node.intAttr("axis", 1);
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var x = Operands.tensor(inputs, 0, "input");
        int rank = x.rank();
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a > rank) {
            throw new KernelException("axis " + axis + " is out of range for " + x.describe());
        }
        long outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= x.dim(i);
        }
        long inner = 1;
        for (int i = (int) a; i < rank; i++) {
            inner *= x.dim(i);
        }
        return x.reshape(outer, inner);
    }
}
