package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;

/// `Tile` (versions 1, 6, 13), any element type: repeats the input `repeats[d]` times along each axis `d`.
/// Version 1 takes a scalar count and the axis it applies to as inputs instead.
final class TileKernel extends SingleOutputKernel {

    private final boolean countAndAxis;

    TileKernel(NodeSpec node) {
        this.countAndAxis = node.opsetVersion() < 6;
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var x = Operands.tensor(inputs, 0, "input");
        int rank = x.rank();
        long[] repeats;
        if (countAndAxis) {
            repeats = new long[rank];
            java.util.Arrays.fill(repeats, 1);
            int axis = Operands.axis(Operands.scalarLong(Operands.tensor(inputs, 2, "axis"), "axis"), rank, "axis");
            repeats[axis] = Operands.scalarLong(Operands.tensor(inputs, 1, "tiles"), "tiles");
        } else {
            repeats = Operands.longs(Operands.tensor(inputs, 1, "repeats"), "repeats");
        }
        if (repeats.length != rank) {
            throw new KernelException("repeats has " + repeats.length + " values but the input is " + x.describe());
        }
        // Seen as [r0, d0, r1, d1, ...], tiling is a broadcast with stride 0 on the repeat axes.
        var strides = Shapes.strides(x.shape());
        var wideShape = new long[2 * rank];
        var wideStrides = new long[2 * rank];
        var outShape = new long[rank];
        for (int d = 0; d < rank; d++) {
            if (repeats[d] < 0) {
                throw new KernelException("repeats must not be negative, got " + repeats[d] + " for axis " + d);
            }
            wideShape[2 * d] = repeats[d];
            wideShape[2 * d + 1] = x.dim(d);
            wideStrides[2 * d + 1] = strides[d];
            outShape[d] = repeats[d] * x.dim(d);
        }
        Operands.checkOutputSize(x.type(), outShape);
        return Elements.take(x, outShape, Elements.strided(wideShape, wideStrides, 0));
    }
}
