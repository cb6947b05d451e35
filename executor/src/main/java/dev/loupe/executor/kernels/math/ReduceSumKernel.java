package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.simd.Reductions;

/// `ReduceSum` (versions 1, 11, 13 with axes as an input): the sum.
final class ReduceSumKernel extends ReduceKernel {

    ReduceSumKernel(NodeSpec spec) {
        super("ReduceSum", spec);
    }

    @Override
    double fold(double[] x, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += x[i];
        }
        return s;
    }

    @Override
    boolean foldsIntegers() {
        return true;
    }

    @Override
    long fold(long[] x, int from, int n) {
        long s = 0;
        for (int i = from; i < from + n; i++) {
            s += x[i];
        }
        return s;
    }

    @Override
    Reductions.Fold floatFold() {
        return Reductions.Fold.SUM;
    }
}
