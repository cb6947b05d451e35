package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `OneHot` (versions 9, 11), numeric indices and depth, any value type: a new axis of size `depth` at `axis`
/// holding `values[1]` where the index points and `values[0]` elsewhere. Negative indices count from `depth`
/// (version 11); indices still out of range give an all-`values[0]` row.
final class OneHotKernel extends SingleOutputKernel {

    private final long axis;

    OneHotKernel(NodeSpec node) {
        this.axis = node.intAttr("axis", -1);
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var indicesTensor = Operands.tensor(inputs, 0, "indices");
        long depth = (long) Operands.scalarDouble(Operands.tensor(inputs, 1, "depth"), "depth");
        var values = Operands.tensor(inputs, 2, "values");
        if (values.size() != 2) {
            throw new KernelException("values must hold two elements [off, on], got " + values.describe());
        }
        if (depth < 1) {
            throw new KernelException("depth must be positive, got " + depth);
        }
        var indices = Numbers.toDoubles(indicesTensor);
        int rank = indicesTensor.rank() + 1;
        int a = Operands.axis(axis, rank, "axis");
        var inShape = indicesTensor.shape();
        var outShape = new long[rank];
        System.arraycopy(inShape, 0, outShape, 0, a);
        outShape[a] = depth;
        System.arraycopy(inShape, a, outShape, a + 1, inShape.length - a);
        long inner = 1;
        for (int d = a; d < inShape.length; d++) {
            inner *= inShape[d];
        }
        Operands.checkOutputSize(values.type(), outShape);
        var source = new int[Math.toIntExact(indices.length * depth)];
        for (int i = 0; i < indices.length; i++) {
            long k = (long) indices[i];
            if (k < 0) {
                k += depth;
            }
            if (k >= 0 && k < depth) {
                long o = i / inner;
                long in = i % inner;
                source[(int) ((o * depth + k) * inner + in)] = 1;
            }
        }
        return Elements.take(values, outShape, source);
    }
}
