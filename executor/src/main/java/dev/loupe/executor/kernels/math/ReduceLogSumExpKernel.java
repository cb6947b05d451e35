package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.NodeSpec;

/// `ReduceLogSumExp` (versions 1, 11, 13, 18): `log(sum(exp(x)))`, computed around the maximum so
/// that it does not overflow.
final class ReduceLogSumExpKernel extends ReduceKernel {

    ReduceLogSumExpKernel(NodeSpec spec) {
        super("ReduceLogSumExp", spec);
    }

    @Override
    double fold(double[] x, int from, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = from; i < from + n; i++) {
            m = Math.max(m, x[i]);
        }
        if (Double.isInfinite(m)) {
            return m;
        }
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += Math.exp(x[i] - m);
        }
        return m + Math.log(s);
    }

    @Override
    boolean reducesFloats() {
        return true;
    }

    @Override
    void reduceFloats(float[] x, int size, long[] shape, boolean[] reduced, float[] out, int runLength) {
        FloatReduction.logSumExp(x, size, shape, reduced, out);
    }
}
