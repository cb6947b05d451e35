package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import static dev.loupe.executor.simd.MicroKernels.MR;
import static dev.loupe.executor.simd.MicroKernels.NR;

/// Copies strided matrices into the panel layouts the micro-kernels read.
///
/// - `A` (`m x k`): cut into the K blocks the product uses ([GemmDriver#depthStep]); in each block, row panels
///   of `MR` rows, element `(i, p)` at [#offsetA] `(i / MR, pc) + (p - pc) * MR + i % MR` for the block
///   starting at `pc`. Rows past `m` are zero.
/// - `B` (`k x n`): column panels of `NR` columns over the whole of `k`; element `(p, j)` of panel `j / NR` is
///   at `(j / NR) * k * NR + p * NR + j % NR`. Columns past `n` are zero.
final class Packing {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;
    /// Whether a row panel of a row-major `A` is transposed a vector of columns at a time ([#transposeRows]): a
    /// vector holds whole columns of a panel of 8 rows.
    private static final boolean TRANSPOSES = MR == 8 && L >= MR && L % MR == 0;
    private static final VectorShuffle<Float> ZIP1_LOW = zip(1, false);
    private static final VectorShuffle<Float> ZIP1_HIGH = zip(1, true);
    private static final VectorShuffle<Float> ZIP2_LOW = zip(2, false);
    private static final VectorShuffle<Float> ZIP2_HIGH = zip(2, true);
    private static final VectorShuffle<Float> ZIP4_LOW = zip(4, false);
    private static final VectorShuffle<Float> ZIP4_HIGH = zip(4, true);

    private Packing() {
    }

    static int panelsA(int m) {
        return (m + MR - 1) / MR;
    }

    static int panelsB(int n) {
        return (n + NR - 1) / NR;
    }

    static int sizeA(int m, int k) {
        return Math.multiplyExact(panelsA(m) * MR, k);
    }

    static int sizeB(int k, int n) {
        return Math.multiplyExact(panelsB(n) * NR, k);
    }

    /// Packs all of `A`, scaled by `alpha`, into `dst` from index 0.
    static void packA(float[] a, int off, int rowStride, int colStride, int m, int k, float alpha, float[] dst) {
        int step = GemmDriver.depthStep(k);
        for (int ip = 0, panels = panelsA(m); ip < panels; ip++) {
            int row = ip * MR;
            int rows = Math.min(MR, m - row);
            for (int pc = 0; pc < k; pc += step) {
                int kc = Math.min(step, k - pc);
                int base = offsetA(m, k, ip, pc);
                int done = TRANSPOSES && VectorSupport.ENABLED && colStride == 1 && rows == MR
                        ? transposeRows(a, off + row * rowStride + pc, rowStride, kc, alpha, dst, base) : 0;
                for (int r = 0; r < MR; r++) {
                    int d = base + done * MR + r;
                    if (r >= rows) {
                        for (int p = done; p < kc; p++, d += MR) {
                            dst[d] = 0;
                        }
                        continue;
                    }
                    int s = off + (row + r) * rowStride + (pc + done) * colStride;
                    for (int p = done; p < kc; p++, d += MR, s += colStride) {
                        dst[d] = alpha == 1f ? a[s] : alpha * a[s];
                    }
                }
            }
        }
    }

    /// The first columns of the `MR` rows at `src` (`rowStride` apart, `kc` columns each), scaled by `alpha`,
    /// written column by column from `dst[d]` (`MR` floats per column), a vector of columns at a time: eight
    /// loads, three rounds of interleaving pairs of vectors (by one, two and four lanes), eight stores of
    /// consecutive columns. Returns how many columns it wrote, a multiple of the vector length (the caller
    /// copies the rest one by one). The same values as the element-by-element copy, about five times as fast
    /// for an activation of 128 rows.
    private static int transposeRows(float[] a, int src, int rowStride, int kc, float alpha, float[] dst, int d) {
        int p = 0;
        for (; p + L <= kc; p += L) {
            var r0 = FloatVector.fromArray(S, a, src + p);
            var r1 = FloatVector.fromArray(S, a, src + rowStride + p);
            var r2 = FloatVector.fromArray(S, a, src + 2 * rowStride + p);
            var r3 = FloatVector.fromArray(S, a, src + 3 * rowStride + p);
            var r4 = FloatVector.fromArray(S, a, src + 4 * rowStride + p);
            var r5 = FloatVector.fromArray(S, a, src + 5 * rowStride + p);
            var r6 = FloatVector.fromArray(S, a, src + 6 * rowStride + p);
            var r7 = FloatVector.fromArray(S, a, src + 7 * rowStride + p);
            if (alpha != 1f) {
                r0 = r0.mul(alpha);
                r1 = r1.mul(alpha);
                r2 = r2.mul(alpha);
                r3 = r3.mul(alpha);
                r4 = r4.mul(alpha);
                r5 = r5.mul(alpha);
                r6 = r6.mul(alpha);
                r7 = r7.mul(alpha);
            }
            // Rows 0-1, 2-3, 4-5, 6-7 interleaved lane by lane: the first and the second half of the columns.
            var a01 = r0.rearrange(ZIP1_LOW, r1);
            var b01 = r0.rearrange(ZIP1_HIGH, r1);
            var a23 = r2.rearrange(ZIP1_LOW, r3);
            var b23 = r2.rearrange(ZIP1_HIGH, r3);
            var a45 = r4.rearrange(ZIP1_LOW, r5);
            var b45 = r4.rearrange(ZIP1_HIGH, r5);
            var a67 = r6.rearrange(ZIP1_LOW, r7);
            var b67 = r6.rearrange(ZIP1_HIGH, r7);
            // Rows 0-3 and 4-7 by pairs of lanes: each a quarter of the columns.
            var q0 = a01.rearrange(ZIP2_LOW, a23);
            var q1 = a01.rearrange(ZIP2_HIGH, a23);
            var q2 = b01.rearrange(ZIP2_LOW, b23);
            var q3 = b01.rearrange(ZIP2_HIGH, b23);
            var u0 = a45.rearrange(ZIP2_LOW, a67);
            var u1 = a45.rearrange(ZIP2_HIGH, a67);
            var u2 = b45.rearrange(ZIP2_LOW, b67);
            var u3 = b45.rearrange(ZIP2_HIGH, b67);
            // All eight rows by fours of lanes: whole columns, in order.
            int at = d + p * MR;
            q0.rearrange(ZIP4_LOW, u0).intoArray(dst, at);
            q0.rearrange(ZIP4_HIGH, u0).intoArray(dst, at + L);
            q1.rearrange(ZIP4_LOW, u1).intoArray(dst, at + 2 * L);
            q1.rearrange(ZIP4_HIGH, u1).intoArray(dst, at + 3 * L);
            q2.rearrange(ZIP4_LOW, u2).intoArray(dst, at + 4 * L);
            q2.rearrange(ZIP4_HIGH, u2).intoArray(dst, at + 5 * L);
            q3.rearrange(ZIP4_LOW, u3).intoArray(dst, at + 6 * L);
            q3.rearrange(ZIP4_HIGH, u3).intoArray(dst, at + 7 * L);
        }
        return p;
    }

    /// A shuffle interleaving blocks of `e` lanes of two vectors, from their first halves or (`high`) their
    /// second halves: `a[0..e) b[0..e) a[e..2e) b[e..2e) ...`.
    private static VectorShuffle<Float> zip(int e, boolean high) {
        return VectorShuffle.fromOp(S, i -> (i / e % 2 == 0 ? 0 : L) + (high ? L / 2 : 0) + i / (2 * e) * e + i % e);
    }

    /// Where the `MR x kc` slice of row panel `ip` for the K block starting at `pc` begins in a packed `A`
    /// (`m x k`, K blocks of [GemmDriver#depthStep]): block by block, each block's row panels one after the
    /// other, so that a product reads the packed matrix front to back, as hardware prefetchers like.
    static int offsetA(int m, int k, int ip, int pc) {
        int kc = Math.min(GemmDriver.depthStep(k), k - pc);
        return pc * panelsA(m) * MR + ip * kc * MR;
    }

    /// Packs columns `[col0, col0 + cols)` of `B` (`k` rows) into `dst` from `dstOff`, `col0` a multiple of `NR`.
    static void packB(float[] b, int off, int rowStride, int colStride, int k, int col0, int cols, float[] dst, int dstOff) {
        for (int jj = 0, panels = panelsB(cols); jj < panels; jj++) {
            int col = col0 + jj * NR;
            int width = Math.min(NR, col0 + cols - col);
            int base = dstOff + jj * k * NR;
            if (colStride == 1 && width == NR) {
                for (int p = 0, s = off + col, d = base; p < k; p++, s += rowStride, d += NR) {
                    FloatVector.fromArray(S, b, s).intoArray(dst, d);
                    FloatVector.fromArray(S, b, s + L).intoArray(dst, d + L);
                }
            } else {
                for (int q = 0; q < NR; q++) {
                    int d = base + q;
                    if (q >= width) {
                        for (int p = 0; p < k; p++, d += NR) {
                            dst[d] = 0;
                        }
                        continue;
                    }
                    for (int p = 0, s = off + (col + q) * colStride; p < k; p++, s += rowStride, d += NR) {
                        dst[d] = b[s];
                    }
                }
            }
        }
    }
}
