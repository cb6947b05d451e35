package dev.loupe.executor.kernels.math;

import dev.loupe.executor.simd.VectorLoops;

/// `Relu` (versions 1, 6, 13, 14): `max(0, x)`; signed integers from version 14.
final class ReluKernel extends UnaryKernel {

    ReluKernel() {
        super("Relu");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        VectorLoops.relu(x, o, from, to);
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = v < 0 ? 0 : v;
        }
    }

    @Override
    void ints(int[] x, int[] o, boolean unsigned) {
        for (int i = 0; i < x.length; i++) {
            int v = x[i];
            o[i] = v < 0 ? 0 : v;
        }
    }

    @Override
    void longs(long[] x, long[] o, boolean unsigned) {
        for (int i = 0; i < x.length; i++) {
            long v = x[i];
            o[i] = v < 0 && !unsigned ? 0 : v;
        }
    }
}
