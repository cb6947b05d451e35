package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.simd.Reductions;

/// `ReduceMean` (versions 1, 11, 13, 18): the mean (NaN over no elements).
final class ReduceMeanKernel extends ReduceKernel {

    ReduceMeanKernel(NodeSpec spec) {
        super("ReduceMean", spec);
    }

    @Override
    double fold(double[] x, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += x[i];
        }
        return s / n;
    }

    @Override
    Reductions.Fold floatFold() {
        return Reductions.Fold.SUM;
    }

    @Override
    float finish(float folded, int n) {
        return folded / n;
    }
}
