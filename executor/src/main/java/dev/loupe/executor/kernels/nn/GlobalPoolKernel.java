package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.simd.Reductions;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `GlobalAveragePool` (version 1), `GlobalMaxPool` (version 1) and `GlobalLpPool` (versions 1, 2), float
/// types: one value per image and channel over all spatial positions, keeping the spatial axes as size 1.
/// float32 averages and maxima run in float on the vector kernels, the rest in double.
final class GlobalPoolKernel extends NnKernel {

    /// Which reduction the node asks for.
    enum Mode { AVERAGE, MAX, LP }

    private final Mode mode;
    private final double p;

    GlobalPoolKernel(NodeSpec node, Mode mode) {
        super("X", 3);
        this.mode = mode;
        this.p = mode == Mode.LP ? LpPoolKernel.pAttribute(node) : 0;
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        var xs = x.shape();
        int planes = (int) (xs[0] * xs[1]);
        int size = planes == 0 ? 0 : x.size() / planes;
        var outShape = xs.clone();
        for (int d = 2; d < outShape.length; d++) {
            outShape[d] = 1;
        }
        if (x.type() == ElementType.FLOAT && mode != Mode.LP) {
            var xv = x.floats();
            var out = Tensor.allocate(ElementType.FLOAT, outShape);
            var o = out.floats();
            for (int plane = 0; plane < planes; plane++) {
                o[plane] = mode == Mode.AVERAGE ? Reductions.sum(xv, plane * size, size) / size : Reductions.fold(Reductions.Fold.MAX, xv, plane * size, size);
            }
            return new RuntimeValue[] {out};
        }
        var xv = Numbers.toDoubles(x);
        var out = new double[planes];
        for (int plane = 0; plane < planes; plane++) {
            out[plane] = reduce(xv, plane * size, size);
        }
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), outShape, out)};
    }

    private double reduce(double[] v, int from, int size) {
        int to = from + size;
        switch (mode) {
            case AVERAGE -> {
                double sum = 0;
                for (int i = from; i < to; i++) {
                    sum += v[i];
                }
                return sum / size;
            }
            case MAX -> {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = from; i < to; i++) {
                    max = Math.max(max, v[i]);
                }
                return max;
            }
            default -> {
                double sum = 0;
                for (int i = from; i < to; i++) {
                    sum += Math.pow(Math.abs(v[i]), p);
                }
                return Math.pow(sum, 1 / p);
            }
        }
    }
}
