package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;

import java.util.Arrays;

/// `Transpose` (versions 1, 13, 21), any element type: output axis `i` is input axis `perm[i]`; without
/// `perm`, the axes are reversed.
final class TransposeKernel implements Kernel {

    private final long[] perm;

    TransposeKernel(NodeSpec node) {
        this.perm = node.intsAttr("perm", null);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var x = Operands.tensor(inputs, 0, "data");
        int rank = x.rank();
        var p = new int[rank];
        if (perm == null) {
            for (int i = 0; i < rank; i++) {
                p[i] = rank - 1 - i;
            }
        } else {
            if (perm.length != rank) {
                throw new KernelException("perm " + Arrays.toString(perm) + " does not match the rank of " + x.describe());
            }
            p = Operands.axes(perm, rank, "perm");
        }
        return new RuntimeValue[] {AxisPermutation.apply(x, p, context)};
    }
}
