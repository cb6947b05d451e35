package dev.loupe.executor.kernels.math;

/// `BitShift` (version 11): shifts unsigned integers `X` left or right by `Y` bits (broadcast); shifting by
/// the type's width or more gives 0.
final class BitShiftKernel extends BinaryArithmeticKernel {

    private final boolean left;

    BitShiftKernel(boolean left) {
        super("BitShift");
        this.left = left;
    }

    @Override
    void intRow(int[] a, int ai, int as, int[] b, int bi, int bs, int[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            int s = b[bi];
            o[oi + k] = s < 0 || s >= 32 ? 0 : left ? a[ai] << s : a[ai] >>> s;
        }
    }

    @Override
    void longRow(long[] a, int ai, int as, long[] b, int bi, int bs, long[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            long s = b[bi];
            o[oi + k] = s < 0 || s >= 64 ? 0 : left ? a[ai] << s : a[ai] >>> s;
        }
    }
}
