package dev.loupe.executor.kernels.math;

/// Pairwise maximum, the step of the variadic `Max` (NaN wins, as in NumPy).
final class MaxPairwiseKernel extends BinaryArithmeticKernel {

    MaxPairwiseKernel() {
        super("Max");
    }

    @Override
    void floatRow(float[] a, int ai, int as, float[] b, int bi, int bs, float[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = Math.max(a[ai], b[bi]);
        }
    }

    @Override
    void doubleRow(double[] a, int ai, int as, double[] b, int bi, int bs, double[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = Math.max(a[ai], b[bi]);
        }
    }

    @Override
    void intRow(int[] a, int ai, int as, int[] b, int bi, int bs, int[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = Math.max(a[ai], b[bi]);
        }
    }

    @Override
    void longRow(long[] a, int ai, int as, long[] b, int bi, int bs, long[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = Math.max(a[ai], b[bi]);
        }
    }

    @Override
    void unsignedLongRow(long[] a, int ai, int as, long[] b, int bi, int bs, long[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = Long.compareUnsigned(a[ai], b[bi]) >= 0 ? a[ai] : b[bi];
        }
    }
}
