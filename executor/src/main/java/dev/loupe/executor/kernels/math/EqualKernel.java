package dev.loupe.executor.kernels.math;

/// `Equal` (versions 1, 7, 11, 13, 19): `A == B` elementwise with broadcasting (strings from version 19).
final class EqualKernel extends BinaryPredicateKernel {

    EqualKernel() {
        super("Equal");
    }

    @Override
    void floatRow(float[] a, int ai, int as, float[] b, int bi, int bs, byte[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = (byte) (a[ai] == b[bi] ? 1 : 0);
        }
    }

    @Override
    void doubleRow(double[] a, int ai, int as, double[] b, int bi, int bs, byte[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = (byte) (a[ai] == b[bi] ? 1 : 0);
        }
    }

    @Override
    void intRow(int[] a, int ai, int as, int[] b, int bi, int bs, byte[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = (byte) (a[ai] == b[bi] ? 1 : 0);
        }
    }

    @Override
    void longRow(long[] a, int ai, int as, long[] b, int bi, int bs, byte[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = (byte) (a[ai] == b[bi] ? 1 : 0);
        }
    }

    @Override
    void stringRow(String[] a, int ai, int as, String[] b, int bi, int bs, byte[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = (byte) (a[ai].equals(b[bi]) ? 1 : 0);
        }
    }
}
