package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.simd.Reductions;

/// `ReduceLogSum` (versions 1, 11, 13, 18): the natural log of the sum.
final class ReduceLogSumKernel extends ReduceKernel {

    ReduceLogSumKernel(NodeSpec spec) {
        super("ReduceLogSum", spec);
    }

    @Override
    double fold(double[] x, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += x[i];
        }
        return Math.log(s);
    }

    @Override
    Reductions.Fold floatFold() {
        return Reductions.Fold.SUM;
    }

    @Override
    float finish(float folded, int n) {
        return (float) Math.log(folded);
    }
}
