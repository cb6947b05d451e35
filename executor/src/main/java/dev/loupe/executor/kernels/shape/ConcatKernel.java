package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `Concat` (versions 1, 4, 11, 13), any element type: joins the inputs along `axis` (default 1 in
/// version 1, negative from version 11); all other dimensions must agree.
final class ConcatKernel extends SingleOutputKernel {

    private final long axis;

    ConcatKernel(NodeSpec node) {
        if (node.opsetVersion() >= 4) {
            node.required("axis");
        }
        this.axis = node.intAttr("axis", 1);
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var first = Operands.tensor(inputs, 0, "inputs[0]");
        int rank = first.rank();
        int a = Operands.axis(axis, rank, "axis");
        var shape = first.shape();
        shape[a] = 0;
        var parts = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            var t = Operands.tensor(inputs, i, "inputs[" + i + "]");
            if (t.type() != first.type() || t.rank() != rank) {
                throw new KernelException("inputs[" + i + "] is " + t.describe() + " but inputs[0] is " + first.describe());
            }
            for (int d = 0; d < rank; d++) {
                if (d != a && t.dim(d) != first.dim(d)) {
                    throw new KernelException("inputs[" + i + "] is " + t.describe() + ", which does not match "
                            + first.describe() + " outside axis " + a);
                }
            }
            shape[a] += t.dim(a);
            parts[i] = t;
        }
        var out = Tensor.allocate(first.type(), shape);
        int width = Elements.width(first.type());
        long outer = 1;
        for (int d = 0; d < a; d++) {
            outer *= shape[d];
        }
        long inner = width;
        for (int d = a + 1; d < rank; d++) {
            inner *= shape[d];
        }
        int outRow = (int) (shape[a] * inner);
        int offset = 0;
        for (var t : parts) {
            int row = (int) (t.dim(a) * inner);
            for (int o = 0; o < outer; o++) {
                System.arraycopy(t.data(), o * row, out.data(), o * outRow + offset, row);
            }
            offset += row;
        }
        return out;
    }
}
