package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.simd.Reductions;

/// `ReduceL2` (versions 1, 11, 13, 18): the square root of the sum of squares.
final class ReduceL2Kernel extends ReduceKernel {

    ReduceL2Kernel(NodeSpec spec) {
        super("ReduceL2", spec);
    }

    @Override
    double fold(double[] x, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += x[i] * x[i];
        }
        return Math.sqrt(s);
    }

    @Override
    Reductions.Fold floatFold() {
        return Reductions.Fold.SUM_OF_SQUARES;
    }

    @Override
    float finish(float folded, int n) {
        return (float) Math.sqrt(folded);
    }
}
