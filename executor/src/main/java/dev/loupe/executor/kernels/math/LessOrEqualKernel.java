package dev.loupe.executor.kernels.math;

/// `LessOrEqual` (versions 12, 16): `A <= B` elementwise with broadcasting.
final class LessOrEqualKernel extends BinaryPredicateKernel {

    LessOrEqualKernel() {
        super("LessOrEqual");
    }

    @Override
    void floatRow(float[] a, int ai, int as, float[] b, int bi, int bs, byte[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = (byte) (a[ai] <= b[bi] ? 1 : 0);
        }
    }

    @Override
    void doubleRow(double[] a, int ai, int as, double[] b, int bi, int bs, byte[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = (byte) (a[ai] <= b[bi] ? 1 : 0);
        }
    }

    @Override
    void intRow(int[] a, int ai, int as, int[] b, int bi, int bs, byte[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = (byte) (a[ai] <= b[bi] ? 1 : 0);
        }
    }

    @Override
    void longRow(long[] a, int ai, int as, long[] b, int bi, int bs, byte[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = (byte) (a[ai] <= b[bi] ? 1 : 0);
        }
    }

    @Override
    void unsignedLongRow(long[] a, int ai, int as, long[] b, int bi, int bs, byte[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = (byte) (Long.compareUnsigned(a[ai], b[bi]) <= 0 ? 1 : 0);
        }
    }
}
