package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.simd.Reductions;

/// `ReduceMin` (versions 1, 11, 12, 13, 18, 20): the minimum (NaN wins; +inf over no elements).
final class ReduceMinKernel extends ReduceKernel {

    ReduceMinKernel(NodeSpec spec) {
        super("ReduceMin", spec);
    }

    @Override
    double fold(double[] x, int from, int n) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = from; i < from + n; i++) {
            m = Math.min(m, x[i]);
        }
        return m;
    }

    @Override
    boolean foldsIntegers() {
        return true;
    }

    @Override
    long fold(long[] x, int from, int n) {
        long m = Long.MAX_VALUE;
        for (int i = from; i < from + n; i++) {
            m = Math.min(m, x[i]);
        }
        return m;
    }

    @Override
    Reductions.Fold floatFold() {
        return Reductions.Fold.MIN;
    }
}
