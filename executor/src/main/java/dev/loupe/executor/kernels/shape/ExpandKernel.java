package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;

import java.util.Arrays;

/// `Expand` (versions 8, 13), any element type: broadcasts the input to the broadcast of its shape and the
/// requested `shape` (so a requested 1 keeps the input's dimension).
final class ExpandKernel extends SingleOutputKernel {

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var x = Operands.tensor(inputs, 0, "input");
        var requested = Operands.longs(Operands.tensor(inputs, 1, "shape"), "shape");
        long[] outShape;
        try {
            outShape = Shapes.broadcast(x.shape(), requested);
        } catch (IllegalArgumentException e) {
            throw new KernelException("cannot expand " + x.describe() + " to " + Arrays.toString(requested));
        }
        Operands.checkOutputSize(x.type(), outShape);
        return broadcast(x, outShape);
    }

    /// `x` repeated along its size-1 (and missing leading) axes to `outShape`, which must be a broadcast of
    /// its shape.
    static Tensor broadcast(Tensor x, long[] outShape) {
        int rank = outShape.length;
        int shift = rank - x.rank();
        var strides = Shapes.strides(x.shape());
        var outStrides = new long[rank];
        for (int d = shift; d < rank; d++) {
            outStrides[d] = x.dim(d - shift) == 1 ? 0 : strides[d - shift];
        }
        return Elements.take(x, outShape, Elements.strided(outShape, outStrides, 0));
    }
}
