package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;

import java.util.stream.IntStream;

/// `Slice` (versions 1, 10, 11, 13), any element type: `starts`, `ends` and `axes` are attributes in version
/// 1 and inputs (with `steps`) from version 10. Negative positions count from the end, out-of-range positions
/// are clamped, and a negative step walks backwards.
final class SliceKernel extends SingleOutputKernel {

    private final long[] startsAttribute;
    private final long[] endsAttribute;
    private final long[] axesAttribute;

    SliceKernel(NodeSpec node) {
        boolean attributes = node.opsetVersion() < 10;
        this.startsAttribute = attributes ? node.intsAttr("starts", new long[0]) : null;
        this.endsAttribute = attributes ? node.intsAttr("ends", new long[0]) : null;
        this.axesAttribute = attributes ? node.intsAttr("axes", null) : null;
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var x = Operands.tensor(inputs, 0, "data");
        long[] starts = startsAttribute;
        long[] ends = endsAttribute;
        long[] axes = axesAttribute;
        long[] steps = null;
        if (starts == null) {
            starts = Operands.longs(Operands.tensor(inputs, 1, "starts"), "starts");
            ends = Operands.longs(Operands.tensor(inputs, 2, "ends"), "ends");
            var axesInput = Operands.optional(inputs, 3, "axes");
            axes = axesInput == null ? null : Operands.longs(axesInput, "axes");
            var stepsInput = Operands.optional(inputs, 4, "steps");
            steps = stepsInput == null ? null : Operands.longs(stepsInput, "steps");
        }
        int rank = x.rank();
        if (ends.length != starts.length || (axes != null && axes.length != starts.length)
                || (steps != null && steps.length != starts.length)) {
            throw new KernelException("starts, ends, axes and steps must have the same length");
        }
        var shape = x.shape();
        var strides = Shapes.strides(shape);
        var outShape = shape.clone();
        var outStrides = strides.clone();
        long offset = 0;
        int[] ax = axes == null ? IntStream.range(0, starts.length).toArray()
                : Operands.axes(axes, rank, "axes");
        for (int i = 0; i < ax.length; i++) {
            int a = ax[i];
            long step = steps == null ? 1 : steps[i];
            if (step == 0) {
                throw new KernelException("steps must not be 0");
            }
            long dim = shape[a];
            long start = starts[i] < 0 ? starts[i] + dim : starts[i];
            long end = ends[i] < 0 ? ends[i] + dim : ends[i];
            long count;
            if (step > 0) {
                start = clamp(start, 0, dim);
                end = clamp(end, 0, dim);
                count = end > start ? (end - start + step - 1) / step : 0;
            } else {
                start = clamp(start, 0, dim - 1);
                end = clamp(end, -1, dim - 1);
                count = start > end ? (start - end - step - 1) / -step : 0;
            }
            outShape[a] = count;
            outStrides[a] = strides[a] * step;
            offset += count > 0 ? start * strides[a] : 0;
        }
        return Elements.take(x, outShape, Elements.strided(outShape, outStrides, offset));
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
