package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.NodeSpec;

/// `Shrink` (version 9): `x + bias` below `-lambd`, `x - bias` above `lambd`, else 0 (bias 0, lambd 0.5).
final class ShrinkKernel extends UnaryKernel {

    private final double bias;
    private final double lambd;

    ShrinkKernel(NodeSpec spec) {
        super("Shrink");
        this.bias = spec.floatAttr("bias", 0.0f);
        this.lambd = spec.floatAttr("lambd", 0.5f);
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (v < -lambd ? v + bias : v > lambd ? v - bias : 0);
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = v < -lambd ? v + bias : v > lambd ? v - bias : 0;
        }
    }

    @Override
    void ints(int[] x, int[] o, boolean unsigned) {
        for (int i = 0; i < x.length; i++) {
            int v = x[i];
            o[i] = v < -lambd ? (int) (v + bias) : v > lambd ? (int) (v - bias) : 0;
        }
    }

    @Override
    void longs(long[] x, long[] o, boolean unsigned) {
        for (int i = 0; i < x.length; i++) {
            long v = x[i];
            o[i] = v < -lambd ? (long) (v + bias) : v > lambd ? (long) (v - bias) : 0;
        }
    }
}
