package dev.loupe.executor.kernels.math;

/// `BitwiseXor` (version 18): `A ^ B` with broadcasting, for integer types.
final class BitwiseXorKernel extends BinaryArithmeticKernel {

    BitwiseXorKernel() {
        super("BitwiseXor");
    }

    @Override
    void intRow(int[] a, int ai, int as, int[] b, int bi, int bs, int[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = a[ai] ^ b[bi];
        }
    }

    @Override
    void longRow(long[] a, int ai, int as, long[] b, int bi, int bs, long[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = a[ai] ^ b[bi];
        }
    }
}
