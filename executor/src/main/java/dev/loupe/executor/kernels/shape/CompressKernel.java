package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Set;

/// `Compress` (versions 9, 11), any element type: keeps the slices along `axis` (or, without it, the elements
/// of the flattened input) whose entry in the bool `condition` is true; a shorter condition drops the rest.
final class CompressKernel extends SingleOutputKernel {

    private final Long axis;

    CompressKernel(NodeSpec node) {
        this.axis = node.has("axis") ? node.intAttr("axis", 0) : null;
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var x = Operands.tensor(inputs, 0, "input");
        var condition = Operands.tensor(inputs, 1, "condition", Set.of(ElementType.BOOL)).bytes();
        var shape = axis == null ? new long[] {x.size()} : x.shape();
        int a = axis == null ? 0 : Operands.axis(axis, x.rank(), "axis");
        int dim = (int) shape[a];
        if (condition.length > dim) {
            throw new KernelException("condition has " + condition.length + " entries but the axis has " + dim);
        }
        int kept = 0;
        for (byte c : condition) {
            kept += c != 0 ? 1 : 0;
        }
        int inner = 1;
        for (int d = a + 1; d < shape.length; d++) {
            inner *= (int) shape[d];
        }
        int outer = dim == 0 ? 0 : x.size() / (dim * inner);
        var source = new int[outer * kept * inner];
        for (int o = 0, p = 0; o < outer; o++) {
            for (int j = 0; j < condition.length; j++) {
                if (condition[j] != 0) {
                    int base = (o * dim + j) * inner;
                    for (int i = 0; i < inner; i++) {
                        source[p++] = base + i;
                    }
                }
            }
        }
        var outShape = shape.clone();
        outShape[a] = kept;
        return Elements.take(x, outShape, source);
    }
}
