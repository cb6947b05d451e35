package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.simd.Reductions;

/// `ReduceSumSquare` (versions 1, 11, 13, 18): the sum of squares.
final class ReduceSumSquareKernel extends ReduceKernel {

    ReduceSumSquareKernel(NodeSpec spec) {
        super("ReduceSumSquare", spec);
    }

    @Override
    double fold(double[] x, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += x[i] * x[i];
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
            s += x[i] * x[i];
        }
        return s;
    }

    @Override
    Reductions.Fold floatFold() {
        return Reductions.Fold.SUM_OF_SQUARES;
    }
}
