package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.simd.Reductions;

/// `ReduceL1` (versions 1, 11, 13, 18): the sum of absolute values.
final class ReduceL1Kernel extends ReduceKernel {

    ReduceL1Kernel(NodeSpec spec) {
        super("ReduceL1", spec);
    }

    @Override
    double fold(double[] x, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += Math.abs(x[i]);
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
            s += Math.abs(x[i]);
        }
        return s;
    }

    @Override
    Reductions.Fold floatFold() {
        return Reductions.Fold.SUM_OF_ABSOLUTES;
    }
}
