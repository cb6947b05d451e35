package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
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
                for (int r = 0; r < MR; r++) {
                    int d = base + r;
                    if (r >= rows) {
                        for (int p = 0; p < kc; p++, d += MR) {
                            dst[d] = 0;
                        }
                        continue;
                    }
                    int s = off + (row + r) * rowStride + pc * colStride;
                    for (int p = 0; p < kc; p++, d += MR, s += colStride) {
                        dst[d] = alpha == 1f ? a[s] : alpha * a[s];
                    }
                }
            }
        }
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
