package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `Trilu` (version 14), any element type: keeps the upper (`upper = 1`, elements with `j - i >= k`) or
/// lower (`j - i <= k`) triangle of each matrix in the last two axes and zeros the rest; `k` is the optional
/// second input.
final class TriluKernel extends SingleOutputKernel {

    private final boolean upper;

    TriluKernel(NodeSpec node) {
        this.upper = node.intAttr("upper", 1) != 0;
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var x = Operands.tensor(inputs, 0, "input");
        if (x.rank() < 2) {
            throw new KernelException("input must have rank 2 or more, got " + x.describe());
        }
        var kTensor = Operands.optional(inputs, 1, "k");
        long k = kTensor == null ? 0 : Operands.scalarLong(kTensor, "k");
        int rows = (int) x.dim(x.rank() - 2);
        int cols = (int) x.dim(x.rank() - 1);
        var source = new int[x.size()];
        for (int p = 0; p < source.length; p++) {
            int j = p % cols;
            int i = (p / cols) % rows;
            boolean keep = upper ? j - i >= k : j - i <= k;
            source[p] = keep ? p : -1;
        }
        return Elements.takeOrFill(x, x.shape(), source, null);
    }
}
