package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Elements;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;

/// `MeanVarianceNormalization` (versions 9, 13), float types: `(X - mean) / (sqrt(var) + 1e-9)` with mean and
/// population variance taken over `axes` (default `[0, 2, 3]`), as the operator's function body defines it.
final class MeanVarianceNormalizationKernel extends NnKernel {

    private static final double EPSILON = 1e-9;

    private final long[] axes;

    MeanVarianceNormalizationKernel(NodeSpec node) {
        super("X", 1);
        this.axes = node.intsAttr("axes", new long[] {0, 2, 3});
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        var shape = x.shape();
        int rank = shape.length;
        var reduced = new boolean[rank];
        for (int a : Operands.axes(axes, rank, "axes")) {
            reduced[a] = true;
        }
        // Permute the reduced axes to the end so that each group of values is one contiguous run.
        var perm = new int[rank];
        int k = 0;
        for (int d = 0; d < rank; d++) {
            if (!reduced[d]) {
                perm[k++] = d;
            }
        }
        int kept = k;
        for (int d = 0; d < rank; d++) {
            if (reduced[d]) {
                perm[k++] = d;
            }
        }
        var permShape = new long[rank];
        var permStrides = new long[rank];
        var strides = Shapes.strides(shape);
        int size = 1;
        for (int i = 0; i < rank; i++) {
            permShape[i] = shape[perm[i]];
            permStrides[i] = strides[perm[i]];
            size *= i >= kept ? (int) shape[perm[i]] : 1;
        }
        var order = Elements.strided(permShape, permStrides, 0);
        var xv = Numbers.toDoubles(x);
        var run = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            run[i] = xv[order[i]];
        }
        var y = new double[xv.length];
        for (int base = 0; base < run.length; base += size) {
            double mean = Moments.mean(run, base, size);
            double std = Math.sqrt(Moments.variance(run, base, size, mean)) + EPSILON;
            for (int i = base; i < base + size; i++) {
                y[order[i]] = (run[i] - mean) / std;
            }
        }
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), shape, y)};
    }
}
