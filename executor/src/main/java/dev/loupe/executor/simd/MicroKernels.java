package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/// The register tiles of [Sgemm]: `C[r, 0..NR) (+)= sum over p < kc of A[r, p] * B[p, 0..NR)` with `A` read
/// from a packed row panel (`MR` values per `p`) and `B` from a packed column panel (`NR = 2 * lanes` values
/// per `p`). Every accumulator is a named local so that the JIT keeps them all in registers: 16 vectors for
/// the 8-row tile, leaving room for the two `B` vectors and the broadcast of `A`.
///
/// `load` starts the accumulators from `C` (accumulation across K blocks), otherwise from each row's `bias`
/// (`bias[bo + r]` for row `r`) or, without one, from zero. The values are bounded by `[lo, hi]` as they are
/// stored (a fused `Relu` or `Clip` in the last K block of a product; infinite bounds otherwise, which change
/// nothing, NaN included). Tiles write whole rows of `NR` floats; [GemmDriver] computes a narrower last panel
/// into a buffer of whole rows.
final class MicroKernels {

    static final int MR = 8;
    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;
    static final int NR = 2 * L;

    private MicroKernels() {
    }

    /// One `mr x NR` tile of `C` at `ci` (`mr <= MR`, rows `ldc` apart), from the panels at `ai` (row `0` of the
    /// panel) and `bi`.
    static void tile(float[] a, int ai, float[] b, int bi, int kc, float[] c, int ci, int ldc, boolean load,
                     float[] bias, int bo, Clamp clamp, int mr) {
        float lo = clamp == null ? Float.NEGATIVE_INFINITY : clamp.lo();
        float hi = clamp == null ? Float.POSITIVE_INFINITY : clamp.hi();
        rows(a, ai, b, bi, kc, c, ci, ldc, load, bias, bo, lo, hi, mr);
    }

    private static void rows(float[] a, int ai, float[] b, int bi, int kc, float[] c, int ci, int ldc, boolean load,
                             float[] bias, int bo, float lo, float hi, int mr) {
        if (mr == MR) {
            eight(a, ai, b, bi, kc, c, ci, ldc, load, bias, bo, lo, hi);
            return;
        }
        int r = 0;
        if (mr >= 4) {
            four(a, ai, b, bi, kc, c, ci, ldc, load, bias, bo, lo, hi);
            r = 4;
        }
        for (; r < mr; r++) {
            one(a, ai + r, b, bi, kc, c, ci + r * ldc, load, bias, bo + r, lo, hi);
        }
    }

    /// The starting value of the accumulators of row `r` when not loading `C`: its bias, or zero. (A float, not a
    /// vector: a vector returned from a call the JIT does not inline is allocated.)
    private static float start(float[] bias, int bo, int r) {
        return bias == null ? 0f : bias[bo + r];
    }

    static void eight(float[] a, int ai, float[] b, int bi, int kc, float[] c, int ci, int ldc, boolean load,
                      float[] bias, int bo, float lo, float hi) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (load) {
            c00 = FloatVector.fromArray(S, c, ci);
            c01 = FloatVector.fromArray(S, c, ci + L);
            c10 = FloatVector.fromArray(S, c, ci + ldc);
            c11 = FloatVector.fromArray(S, c, ci + ldc + L);
            c20 = FloatVector.fromArray(S, c, ci + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, ci + 2 * ldc + L);
            c30 = FloatVector.fromArray(S, c, ci + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, ci + 3 * ldc + L);
            c40 = FloatVector.fromArray(S, c, ci + 4 * ldc);
            c41 = FloatVector.fromArray(S, c, ci + 4 * ldc + L);
            c50 = FloatVector.fromArray(S, c, ci + 5 * ldc);
            c51 = FloatVector.fromArray(S, c, ci + 5 * ldc + L);
            c60 = FloatVector.fromArray(S, c, ci + 6 * ldc);
            c61 = FloatVector.fromArray(S, c, ci + 6 * ldc + L);
            c70 = FloatVector.fromArray(S, c, ci + 7 * ldc);
            c71 = FloatVector.fromArray(S, c, ci + 7 * ldc + L);
        } else {
            c00 = c01 = FloatVector.broadcast(S, start(bias, bo, 0));
            c10 = c11 = FloatVector.broadcast(S, start(bias, bo, 1));
            c20 = c21 = FloatVector.broadcast(S, start(bias, bo, 2));
            c30 = c31 = FloatVector.broadcast(S, start(bias, bo, 3));
            c40 = c41 = FloatVector.broadcast(S, start(bias, bo, 4));
            c50 = c51 = FloatVector.broadcast(S, start(bias, bo, 5));
            c60 = c61 = FloatVector.broadcast(S, start(bias, bo, 6));
            c70 = c71 = FloatVector.broadcast(S, start(bias, bo, 7));
        }
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            var b0 = FloatVector.fromArray(S, b, bi);
            var b1 = FloatVector.fromArray(S, b, bi + L);
            var x = FloatVector.broadcast(S, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ai + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ai + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        var high = FloatVector.broadcast(S, hi);
        var low = FloatVector.broadcast(S, lo);
        c00.blend(high, c00.compare(VectorOperators.GT, high)).blend(low, c00.compare(VectorOperators.LT, low)).intoArray(c, ci);
        c01.blend(high, c01.compare(VectorOperators.GT, high)).blend(low, c01.compare(VectorOperators.LT, low)).intoArray(c, ci + L);
        c10.blend(high, c10.compare(VectorOperators.GT, high)).blend(low, c10.compare(VectorOperators.LT, low)).intoArray(c, ci + ldc);
        c11.blend(high, c11.compare(VectorOperators.GT, high)).blend(low, c11.compare(VectorOperators.LT, low)).intoArray(c, ci + ldc + L);
        c20.blend(high, c20.compare(VectorOperators.GT, high)).blend(low, c20.compare(VectorOperators.LT, low)).intoArray(c, ci + 2 * ldc);
        c21.blend(high, c21.compare(VectorOperators.GT, high)).blend(low, c21.compare(VectorOperators.LT, low)).intoArray(c, ci + 2 * ldc + L);
        c30.blend(high, c30.compare(VectorOperators.GT, high)).blend(low, c30.compare(VectorOperators.LT, low)).intoArray(c, ci + 3 * ldc);
        c31.blend(high, c31.compare(VectorOperators.GT, high)).blend(low, c31.compare(VectorOperators.LT, low)).intoArray(c, ci + 3 * ldc + L);
        c40.blend(high, c40.compare(VectorOperators.GT, high)).blend(low, c40.compare(VectorOperators.LT, low)).intoArray(c, ci + 4 * ldc);
        c41.blend(high, c41.compare(VectorOperators.GT, high)).blend(low, c41.compare(VectorOperators.LT, low)).intoArray(c, ci + 4 * ldc + L);
        c50.blend(high, c50.compare(VectorOperators.GT, high)).blend(low, c50.compare(VectorOperators.LT, low)).intoArray(c, ci + 5 * ldc);
        c51.blend(high, c51.compare(VectorOperators.GT, high)).blend(low, c51.compare(VectorOperators.LT, low)).intoArray(c, ci + 5 * ldc + L);
        c60.blend(high, c60.compare(VectorOperators.GT, high)).blend(low, c60.compare(VectorOperators.LT, low)).intoArray(c, ci + 6 * ldc);
        c61.blend(high, c61.compare(VectorOperators.GT, high)).blend(low, c61.compare(VectorOperators.LT, low)).intoArray(c, ci + 6 * ldc + L);
        c70.blend(high, c70.compare(VectorOperators.GT, high)).blend(low, c70.compare(VectorOperators.LT, low)).intoArray(c, ci + 7 * ldc);
        c71.blend(high, c71.compare(VectorOperators.GT, high)).blend(low, c71.compare(VectorOperators.LT, low)).intoArray(c, ci + 7 * ldc + L);
    }

    static void four(float[] a, int ai, float[] b, int bi, int kc, float[] c, int ci, int ldc, boolean load,
                     float[] bias, int bo, float lo, float hi) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        if (load) {
            c00 = FloatVector.fromArray(S, c, ci);
            c01 = FloatVector.fromArray(S, c, ci + L);
            c10 = FloatVector.fromArray(S, c, ci + ldc);
            c11 = FloatVector.fromArray(S, c, ci + ldc + L);
            c20 = FloatVector.fromArray(S, c, ci + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, ci + 2 * ldc + L);
            c30 = FloatVector.fromArray(S, c, ci + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, ci + 3 * ldc + L);
        } else {
            c00 = c01 = FloatVector.broadcast(S, start(bias, bo, 0));
            c10 = c11 = FloatVector.broadcast(S, start(bias, bo, 1));
            c20 = c21 = FloatVector.broadcast(S, start(bias, bo, 2));
            c30 = c31 = FloatVector.broadcast(S, start(bias, bo, 3));
        }
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            var b0 = FloatVector.fromArray(S, b, bi);
            var b1 = FloatVector.fromArray(S, b, bi + L);
            var x = FloatVector.broadcast(S, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        var high = FloatVector.broadcast(S, hi);
        var low = FloatVector.broadcast(S, lo);
        c00.blend(high, c00.compare(VectorOperators.GT, high)).blend(low, c00.compare(VectorOperators.LT, low)).intoArray(c, ci);
        c01.blend(high, c01.compare(VectorOperators.GT, high)).blend(low, c01.compare(VectorOperators.LT, low)).intoArray(c, ci + L);
        c10.blend(high, c10.compare(VectorOperators.GT, high)).blend(low, c10.compare(VectorOperators.LT, low)).intoArray(c, ci + ldc);
        c11.blend(high, c11.compare(VectorOperators.GT, high)).blend(low, c11.compare(VectorOperators.LT, low)).intoArray(c, ci + ldc + L);
        c20.blend(high, c20.compare(VectorOperators.GT, high)).blend(low, c20.compare(VectorOperators.LT, low)).intoArray(c, ci + 2 * ldc);
        c21.blend(high, c21.compare(VectorOperators.GT, high)).blend(low, c21.compare(VectorOperators.LT, low)).intoArray(c, ci + 2 * ldc + L);
        c30.blend(high, c30.compare(VectorOperators.GT, high)).blend(low, c30.compare(VectorOperators.LT, low)).intoArray(c, ci + 3 * ldc);
        c31.blend(high, c31.compare(VectorOperators.GT, high)).blend(low, c31.compare(VectorOperators.LT, low)).intoArray(c, ci + 3 * ldc + L);
    }

    /// One row; even and odd `p` go to separate accumulators so four FMA chains are in flight.
    static void one(float[] a, int ai, float[] b, int bi, int kc, float[] c, int ci, boolean load, float[] bias, int bo,
                    float lo, float hi) {
        var e0 = load ? FloatVector.fromArray(S, c, ci) : FloatVector.broadcast(S, start(bias, bo, 0));
        var e1 = load ? FloatVector.fromArray(S, c, ci + L) : FloatVector.broadcast(S, start(bias, bo, 0));
        var o0 = FloatVector.zero(S);
        var o1 = FloatVector.zero(S);
        int p = 0;
        for (; p + 1 < kc; p += 2, ai += 2 * MR, bi += 2 * NR) {
            var x = FloatVector.broadcast(S, a[ai]);
            e0 = x.fma(FloatVector.fromArray(S, b, bi), e0);
            e1 = x.fma(FloatVector.fromArray(S, b, bi + L), e1);
            var y = FloatVector.broadcast(S, a[ai + MR]);
            o0 = y.fma(FloatVector.fromArray(S, b, bi + NR), o0);
            o1 = y.fma(FloatVector.fromArray(S, b, bi + NR + L), o1);
        }
        if (p < kc) {
            var x = FloatVector.broadcast(S, a[ai]);
            e0 = x.fma(FloatVector.fromArray(S, b, bi), e0);
            e1 = x.fma(FloatVector.fromArray(S, b, bi + L), e1);
        }
        var high = FloatVector.broadcast(S, hi);
        var low = FloatVector.broadcast(S, lo);
        var r0 = e0.add(o0);
        var r1 = e1.add(o1);
        r0.blend(high, r0.compare(VectorOperators.GT, high)).blend(low, r0.compare(VectorOperators.LT, low)).intoArray(c, ci);
        r1.blend(high, r1.compare(VectorOperators.GT, high)).blend(low, r1.compare(VectorOperators.LT, low)).intoArray(c, ci + L);
    }
}
