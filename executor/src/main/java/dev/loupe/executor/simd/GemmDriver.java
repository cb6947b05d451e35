package dev.loupe.executor.simd;

import static dev.loupe.executor.simd.MicroKernels.MR;
import static dev.loupe.executor.simd.MicroKernels.NR;

/// The cache blocking around the micro-kernels, for one thread: columns in blocks of `NC` (the right operand
/// packed per block unless it already is), `k` in blocks of `KC` (one `KC x NR` panel of `B` stays in L1
/// while the row panels of `A` stream past it), rows in blocks of `MC` (one `MC x KC` block of `A` stays in
/// L2 while the column panels of the block go by).
///
/// The first K block starts each row from `bias[biasOff + row]` (when there is a bias and `C` is not
/// accumulated into) and the last applies `clamp` (when not `null`) as it stores, so that a convolution's bias
/// and a fused `Relu` or `Clip` cost no pass over the output of their own.
final class GemmDriver {

    static final int KC = 256;
    static final int MC = 128;
    static final int NC = 1024;
    /// Most floats a per-block packing of `B` may take (all of `k` times the block's columns).
    private static final int B_BLOCK_BUDGET = 1 << 19;

    private GemmDriver() {
    }

    /// Columns per block of a right operand packed on the fly: `NC`, or fewer for a deep `k`, a multiple of `NR`.
    static int columnBlock(int k) {
        int cols = Math.min(NC, B_BLOCK_BUDGET / Math.max(1, k));
        return Math.max(NR, cols / NR * NR);
    }

    /// `C[row0..row1, col0..col1) (+)= A * B` with `A` packed ([Packing#packA], `ap`, `m x k`) and `B` already
    /// packed (`bp`, the panel of column `col` at `bpOff + (col / NR) * k * NR`). `row0` and `col0` are panel
    /// boundaries.
    static void packed(float[] ap, int m, int k, int row0, int row1, float[] bp, int bpOff, int col0, int col1,
                       float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, Clamp clamp, Workspace ws) {
        for (int jc = col0; jc < col1; jc += NC) {
            int end = Math.min(col1, jc + NC);
            block(ap, m, k, row0, row1, bp, bpOff + jc / NR * k * NR, jc, end, c, cOff, ldc, accumulate, bias, biasOff, clamp,
                    ws);
        }
    }

    /// As [#packed], for a `B` packed once and used by every run (weights, [PackedB]), which usually streams from
    /// memory. With all of `A` in one row block (`row1 - row0 <= MC`), the columns go one panel at a time over all
    /// of `k`, so that each panel is read front to back. Panel by panel within each K block instead, every slice
    /// of `B` started a panel's length away from the last and the hardware prefetcher, which follows a run of
    /// addresses, started over at each: at one thread ResNet-18's last 3x3 layers (9.4 MB of weights for 49
    /// positions) took 6-8% longer, an encoder's weight products 7-9%.
    static void weights(float[] ap, int m, int k, int row0, int row1, PackedB b, int col0, int col1, float[] c, int cOff,
                        int ldc, boolean accumulate, float[] bias, int biasOff, Clamp clamp, Workspace ws) {
        int step = row1 - row0 <= MC ? NR : NC;
        for (int jc = col0; jc < col1; jc += step) {
            int end = Math.min(col1, jc + step);
            block(ap, m, k, row0, row1, b.data(), jc / NR * k * NR, jc, end, c, cOff, ldc, accumulate, bias, biasOff, clamp,
                    ws);
        }
    }

    /// As [#packed], with `B` given as a strided `k x n` matrix and packed here block by block into the
    /// calling thread's workspace.
    static void strided(float[] ap, int m, int k, int row0, int row1, float[] b, int bOff, int bRowStride, int bColStride,
                        int col0, int col1, float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff,
                        Clamp clamp, Workspace ws) {
        int nc = columnBlock(k);
        var bp = ws.packedB(Packing.sizeB(k, Math.min(nc, col1 - col0)));
        for (int jc = col0; jc < col1; jc += nc) {
            int end = Math.min(col1, jc + nc);
            Packing.packB(b, bOff, bRowStride, bColStride, k, jc, end - jc, bp, 0);
            block(ap, m, k, row0, row1, bp, 0, jc, end, c, cOff, ldc, accumulate, bias, biasOff, clamp, ws);
        }
    }

    /// The K block length: `k` cut into as few blocks of at most `KC` as possible, of nearly equal length (so
    /// that no short last block pays a full round of loading and storing the register tiles).
    static int depthStep(int k) {
        int blocks = (k + KC - 1) / KC;
        return (k + blocks - 1) / Math.max(1, blocks);
    }

    /// One column block: `bp` at `bpOff` holds the panels of columns `[col0, col1)` over all of `k`.
    ///
    /// A last panel narrower than `NR` is computed whole into this thread's edge buffer ([Workspace#edge], rows
    /// `NR` apart), across all the K blocks, and its valid columns copied into `C` once at the end: storing a
    /// partial tile straight into `C` would take a scalar copy per tile and K block, which made a deep product
    /// of 49 columns slower than one of 64.
    private static void block(float[] ap, int m, int k, int row0, int row1, float[] bp, int bpOff, int col0, int col1,
                              float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, Clamp clamp,
                              Workspace ws) {
        int panelStrideB = k * NR;
        int step = depthStep(k);
        int fullEnd = col0 + (col1 - col0) / NR * NR;
        int edgeCols = col1 - fullEnd;
        float[] edge = edgeCols == 0 ? null : ws.edge((row1 - row0) * NR);
        int edgeB = bpOff + (fullEnd - col0) / NR * panelStrideB;
        if (edge != null && accumulate) {
            for (int row = row0; row < row1; row++) {
                System.arraycopy(c, cOff + row * ldc + fullEnd, edge, (row - row0) * NR, edgeCols);
            }
        }
        for (int pc = 0; pc < k; pc += step) {
            int kc = Math.min(step, k - pc);
            boolean load = accumulate || pc > 0;
            int blockA = Packing.offsetA(m, k, 0, pc);
            float[] start = load ? null : bias;
            Clamp last = pc + kc == k ? clamp : null;
            for (int ic = row0; ic < row1; ic += MC) {
                int icEnd = Math.min(row1, ic + MC);
                for (int col = col0, bi = bpOff + pc * NR; col < fullEnd; col += NR, bi += panelStrideB) {
                    for (int row = ic; row < icEnd; row += MR) {
                        int ai = blockA + row / MR * kc * MR;
                        MicroKernels.tile(ap, ai, bp, bi, kc, c, cOff + row * ldc + col, ldc, load, start, biasOff + row,
                                last, Math.min(MR, m - row));
                    }
                }
                if (edge != null) {
                    for (int row = ic; row < icEnd; row += MR) {
                        int ai = blockA + row / MR * kc * MR;
                        MicroKernels.tile(ap, ai, bp, edgeB + pc * NR, kc, edge, (row - row0) * NR, NR, load, start,
                                biasOff + row, last, Math.min(MR, m - row));
                    }
                }
            }
        }
        if (edge != null) {
            for (int row = row0; row < row1; row++) {
                System.arraycopy(edge, (row - row0) * NR, c, cOff + row * ldc + fullEnd, edgeCols);
            }
        }
    }
}
