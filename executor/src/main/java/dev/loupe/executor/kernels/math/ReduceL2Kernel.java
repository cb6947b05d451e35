package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.NodeSpec;

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
}
