package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

import java.util.Arrays;

/// `Shape` (versions 1, 13, 15, 19, 21), any element type: the input's shape as a 1-D int64 tensor, from
/// version 15 only the dimensions in `[start, end)` (negative values count from the end, both clamped).
final class ShapeKernel extends SingleOutputKernel {

    private final long start;
    private final Long end;

    ShapeKernel(NodeSpec node) {
        this.start = node.intAttr("start", 0);
        this.end = node.has("end") ? node.intAttr("end", 0) : null;
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var shape = Operands.tensor(inputs, 0, "data").shape();
        int rank = shape.length;
        int from = clamp(start, rank);
        int to = end == null ? rank : clamp(end, rank);
        var dims = to > from ? Arrays.copyOfRange(shape, from, to) : new long[0];
        return Tensor.ofLongs(new long[] {dims.length}, dims);
    }

    private static int clamp(long position, int rank) {
        long p = position < 0 ? position + rank : position;
        return (int) Math.max(0, Math.min(rank, p));
    }
}
