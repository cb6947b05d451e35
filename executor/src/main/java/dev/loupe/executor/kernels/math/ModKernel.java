package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.KernelException;

/// `Mod` (versions 10, 13): the remainder of `A / B` with broadcasting. With `fmod = 0` (integers only) the
/// result takes the divisor's sign, as Python's `%`; with `fmod = 1` it takes the dividend's, as C's `fmod`.
final class ModKernel extends BinaryArithmeticKernel {

    private final boolean fmod;

    ModKernel(boolean fmod) {
        super("Mod");
        this.fmod = fmod;
    }

    @Override
    void floatRow(float[] a, int ai, int as, float[] b, int bi, int bs, float[] o, int oi, int n) {
        requireFmod();
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = a[ai] % b[bi];
        }
    }

    @Override
    void doubleRow(double[] a, int ai, int as, double[] b, int bi, int bs, double[] o, int oi, int n) {
        requireFmod();
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = a[ai] % b[bi];
        }
    }

    @Override
    void intRow(int[] a, int ai, int as, int[] b, int bi, int bs, int[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = fmod ? a[ai] % b[bi] : Math.floorMod(a[ai], b[bi]);
        }
    }

    @Override
    void longRow(long[] a, int ai, int as, long[] b, int bi, int bs, long[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = fmod ? a[ai] % b[bi] : Math.floorMod(a[ai], b[bi]);
        }
    }

    @Override
    void unsignedLongRow(long[] a, int ai, int as, long[] b, int bi, int bs, long[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = Long.remainderUnsigned(a[ai], b[bi]);
        }
    }

    private void requireFmod() {
        if (!fmod) {
            throw new KernelException("Mod on floating-point inputs needs the attribute fmod = 1");
        }
    }
}
