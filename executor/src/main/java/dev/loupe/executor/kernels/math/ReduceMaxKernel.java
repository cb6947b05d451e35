package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.simd.Reductions;

/// `ReduceMax` (versions 1, 11, 12, 13, 18, 20): the maximum (NaN wins; -inf over no elements).
final class ReduceMaxKernel extends ReduceKernel {

    ReduceMaxKernel(NodeSpec spec) {
        super("ReduceMax", spec);
    }

    @Override
    double fold(double[] x, int from, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = from; i < from + n; i++) {
            m = Math.max(m, x[i]);
        }
        return m;
    }

    @Override
    boolean foldsIntegers() {
        return true;
    }

    @Override
    long fold(long[] x, int from, int n) {
        long m = Long.MIN_VALUE;
        for (int i = from; i < from + n; i++) {
            m = Math.max(m, x[i]);
        }
        return m;
    }

    @Override
    Reductions.Fold floatFold() {
        return Reductions.Fold.MAX;
    }
}
