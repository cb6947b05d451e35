package dev.loupe.executor.kernels.math;

/// `PRelu` (versions 1, 6, 7, 9, 16): `X` where it is at least 0, else `X * slope` (slope broadcast to X).
final class PReluKernel extends BinaryArithmeticKernel {

    PReluKernel() {
        super("PRelu");
    }

    @Override
    void floatRow(float[] a, int ai, int as, float[] b, int bi, int bs, float[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = a[ai] < 0 ? a[ai] * b[bi] : a[ai];
        }
    }

    @Override
    void doubleRow(double[] a, int ai, int as, double[] b, int bi, int bs, double[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = a[ai] < 0 ? a[ai] * b[bi] : a[ai];
        }
    }

    @Override
    void intRow(int[] a, int ai, int as, int[] b, int bi, int bs, int[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = a[ai] < 0 ? a[ai] * b[bi] : a[ai];
        }
    }

    @Override
    void longRow(long[] a, int ai, int as, long[] b, int bi, int bs, long[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = a[ai] < 0 ? a[ai] * b[bi] : a[ai];
        }
    }
}
