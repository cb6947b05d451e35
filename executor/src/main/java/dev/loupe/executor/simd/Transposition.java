package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import static dev.loupe.executor.simd.VectorSupport.ZIP_HIGH;
import static dev.loupe.executor.simd.VectorSupport.ZIP_LOW;

/// Float matrix transposition, a square tile of one vector's width at a time: the tile's rows are loaded
/// whole and put through `log2(lanes)` rounds of interleaving, each pairing row `i` with row `i + lanes / 2`
/// and writing their interleaved first halves as row `2i` and second halves as row `2i + 1`; after the last
/// round row `j` holds column `j`. Both sides are read and written a vector at a time, where an element by
/// element copy reads or writes one of them across rows. Elements outside whole tiles (all of them without
/// vectors) are copied one by one, in small square blocks.
///
/// Thread-safe (the rounds run in the calling thread's workspace).
public final class Transposition {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;
    private static final int COPY_BLOCK = 16;

    private Transposition() {
    }

    /// `dst[dstOff + c * dstStride + r] = src[srcOff + r * srcStride + c]` for `r < rows`, `c < cols`: the
    /// `rows x cols` matrix at `src` (rows `srcStride` apart) transposed into `dst` (rows `dstStride` apart).
    /// The two regions must not overlap.
    public static void block(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride, int rows,
                             int cols) {
        int wholeRows = 0;
        int wholeCols = 0;
        if (VectorSupport.ENABLED) {
            wholeRows = rows / L * L;
            wholeCols = cols / L * L;
            var rounds = Workspace.current().transposeRounds(2 * L * L);
            for (int r0 = 0; r0 < wholeRows; r0 += L) {
                for (int c0 = 0; c0 < wholeCols; c0 += L) {
                    tile(src, srcOff + r0 * srcStride + c0, srcStride, dst, dstOff + c0 * dstStride + r0, dstStride, rounds);
                }
            }
        }
        // The columns right of the whole tiles, then the rows below them.
        copy(src, srcOff, srcStride, dst, dstOff, dstStride, 0, wholeRows, wholeCols, cols);
        copy(src, srcOff, srcStride, dst, dstOff, dstStride, wholeRows, rows, 0, cols);
    }

    /// One `L x L` tile, its rounds in `rounds` (two tiles' room, written alternately).
    private static void tile(float[] src, int from, int srcStride, float[] dst, int to, int dstStride, float[] rounds) {
        int half = L / 2;
        for (int i = 0; i < half; i++) {
            var a = FloatVector.fromArray(S, src, from + i * srcStride);
            var b = FloatVector.fromArray(S, src, from + (i + half) * srcStride);
            a.rearrange(ZIP_LOW, b).intoArray(rounds, 2 * i * L);
            a.rearrange(ZIP_HIGH, b).intoArray(rounds, (2 * i + 1) * L);
        }
        int in = 0;
        for (int done = 2; done < L; done *= 2) {
            int out = L * L - in;
            for (int i = 0; i < half; i++) {
                var a = FloatVector.fromArray(S, rounds, in + i * L);
                var b = FloatVector.fromArray(S, rounds, in + (i + half) * L);
                a.rearrange(ZIP_LOW, b).intoArray(rounds, out + 2 * i * L);
                a.rearrange(ZIP_HIGH, b).intoArray(rounds, out + (2 * i + 1) * L);
            }
            in = out;
        }
        for (int j = 0; j < L; j++) {
            FloatVector.fromArray(S, rounds, in + j * L).intoArray(dst, to + j * dstStride);
        }
    }

    /// Rows `[r0, r1)`, columns `[c0, c1)` element by element, in square blocks of [#COPY_BLOCK] so that both
    /// sides stay within a few cache lines per block (the whole matrix goes this way without vectors).
    private static void copy(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride, int r0, int r1,
                             int c0, int c1) {
        for (int rb = r0; rb < r1; rb += COPY_BLOCK) {
            int re = Math.min(r1, rb + COPY_BLOCK);
            for (int cb = c0; cb < c1; cb += COPY_BLOCK) {
                int ce = Math.min(c1, cb + COPY_BLOCK);
                for (int r = rb; r < re; r++) {
                    for (int c = cb, s = srcOff + r * srcStride + cb; c < ce; c++, s++) {
                        dst[dstOff + c * dstStride + r] = src[s];
                    }
                }
            }
        }
    }
}
