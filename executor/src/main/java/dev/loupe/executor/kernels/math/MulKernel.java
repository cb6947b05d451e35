package dev.loupe.executor.kernels.math;

import dev.loupe.executor.simd.VectorLoops;

/// `Mul` (versions 1, 6, 7, 13, 14): `A * B` with broadcasting, for every numeric type.
final class MulKernel extends BinaryArithmeticKernel {

    MulKernel() {
        super("Mul");
    }

    @Override
    void floatRow(float[] a, int ai, int as, float[] b, int bi, int bs, float[] o, int oi, int n) {
        VectorLoops.binary(VectorLoops.Binary.MUL, a, ai, as, b, bi, bs, o, oi, n);
    }

    @Override
    void doubleRow(double[] a, int ai, int as, double[] b, int bi, int bs, double[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = a[ai] * b[bi];
        }
    }

    @Override
    void intRow(int[] a, int ai, int as, int[] b, int bi, int bs, int[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = a[ai] * b[bi];
        }
    }

    @Override
    void longRow(long[] a, int ai, int as, long[] b, int bi, int bs, long[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = a[ai] * b[bi];
        }
    }
}
