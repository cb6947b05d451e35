package dev.loupe.executor.simd;

import static dev.loupe.executor.simd.MicroKernels.MR;
import static dev.loupe.executor.simd.MicroKernels.NR;

/// Single-precision matrix product `C = alpha * A * B (+ C)` on the Vector API.
///
/// Operands are strided views of flat arrays (`A[i, p] = a[aOff + i * aRowStride + p * aColStride]`, so a
/// transposed operand costs nothing), or operands packed once ([PackedA], [PackedB]) for weights used on
/// every run. `C` is row-major with leading dimension `ldc`; with `accumulate` the product is added to it,
/// otherwise it overwrites it. Sums run in `float` in K blocks, as other BLAS libraries do.
///
/// Inside, `A` is packed into panels of 8 rows and `B` into panels of two vectors' width, and a register
/// tile of 8 rows by two vectors (16 accumulators) runs over blocks of `k`; see [GemmDriver] for the cache
/// blocking. With `threads > 1` the columns (or, for narrow products, the rows) are split across the shared
/// pool when each part gets at least a few million floating-point operations. Calls on one thread allocate
/// nothing once their per-thread workspace has grown to the problem's size.
///
/// Without a usable vector species ([VectorSupport#enabled()]) every method computes the same result with
/// scalar loops. Methods are thread-safe; concurrent calls must not write the same `C`.
public final class Sgemm {

    /// Fewest floating-point operations worth a part of a parallel product (about 40 µs of work).
    static final double MIN_FLOPS_PER_PART = 1 << 22;
    /// Fewest rows a product with a strided `A` counts as when it is cut into parts by columns. With fewer, each
    /// element of `B` read from memory serves only a few rows, so reading `B` and not the arithmetic sets the
    /// time, and two cores read it faster than one: at two threads ResNet-18's `fc` (1 x 512 x 1,000, 2 MB of
    /// packed weights) 128-132 -> 106-111 us, MobileNetV2's classifier (1 x 1,280 x 1,000) 272-302 -> 191-204 us.
    private static final int STREAMED_ROWS = 32;

    private Sgemm() {
    }

    /// `C = alpha * A * B (+ C)` for strided `A` (`m x k`) and `B` (`k x n`).
    public static void multiply(int m, int n, int k, float alpha,
                                float[] a, int aOff, int aRowStride, int aColStride,
                                float[] b, int bOff, int bRowStride, int bColStride,
                                float[] c, int cOff, int ldc, boolean accumulate, int threads) {
        if (trivial(m, n, k, c, cOff, ldc, accumulate)) {
            return;
        }
        if (!VectorSupport.ENABLED) {
            ScalarGemm.multiply(m, n, k, alpha, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride, c, cOff, ldc, accumulate);
            return;
        }
        int parts = parts(Math.max(m, STREAMED_ROWS), n, k, threads);
        if (parts > 1 && byColumns(m, n, parts)) {
            columnsPackingA(parts, m, n, k, alpha, a, aOff, aRowStride, aColStride, (ap, c0, c1, ws) ->
                    GemmDriver.strided(ap, m, k, 0, m, b, bOff, bRowStride, bColStride, c0, c1, c, cOff, ldc, accumulate, null, 0,
                            null, ws));
            return;
        }
        var ws = Workspace.current();
        var ap = ws.packedA(Packing.sizeA(m, k));
        Packing.packA(a, aOff, aRowStride, aColStride, m, k, alpha, ap);
        stridedB(ap, m, k, b, bOff, bRowStride, bColStride, n, c, cOff, ldc, accumulate, null, 0, null, threads, ws);
    }

    /// `C_i = A_i * B_i` for `batches` products of strided `m x k` and `k x n` matrices starting at
    /// `aOffsets[i]` and `bOffsets[i]`, written row-major one after the other from `c[0]` (`C_i` from `i * m *
    /// n`). Products too small to split on their own (the heads of an attention layer) are spread over the
    /// threads whole; larger ones split as [#multiply] does.
    public static void multiplyBatches(int batches, int m, int n, int k, float[] a, int[] aOffsets, int aRowStride,
                                       int aColStride, float[] b, int[] bOffsets, int bRowStride, int bColStride, float[] c,
                                       int threads) {
        multiplyBatches(batches, m, n, k, a, aOffsets, aRowStride, aColStride, b, bOffsets, bRowStride, bColStride, c, null,
                n, threads);
    }

    /// [#multiplyBatches(int, int, int, int, float[], int[], int, int, float[], int[], int, int, float[], int)] with
    /// `C_i` at `cOffsets[i]` with leading dimension `ldc` (`null` offsets: one after the other from `c[0]`).
    /// The products must not write the same elements.
    public static void multiplyBatches(int batches, int m, int n, int k, float[] a, int[] aOffsets, int aRowStride,
                                       int aColStride, float[] b, int[] bOffsets, int bRowStride, int bColStride, float[] c,
                                       int[] cOffsets, int ldc, int threads) {
        boolean splitEach = parts(m, n, k, threads) > 1;
        int perPart = splitEach ? batches
                : (int) Math.min(batches, Math.ceil(MIN_FLOPS_PER_PART / Math.max(1.0, 2.0 * m * n * k)));
        int threadsEach = splitEach ? threads : 1;
        Parallel.forRange(batches, perPart, 1, threads, (first, end) -> {
            for (int i = first; i < end; i++) {
                multiply(m, n, k, 1f, a, aOffsets[i], aRowStride, aColStride, b, bOffsets[i], bRowStride, bColStride, c,
                        cOffsets == null ? i * m * n : cOffsets[i], ldc, false, threadsEach);
            }
        });
    }

    /// `C = alpha * A * B (+ C)` for a strided `A` (`m x b.depth()`) and a packed `B`.
    public static void multiply(int m, float alpha, float[] a, int aOff, int aRowStride, int aColStride, PackedB b,
                                float[] c, int cOff, int ldc, boolean accumulate, int threads) {
        int k = b.depth();
        int n = b.columns();
        if (trivial(m, n, k, c, cOff, ldc, accumulate)) {
            return;
        }
        if (!VectorSupport.ENABLED) {
            ScalarGemm.multiply(m, n, k, alpha, a, aOff, aRowStride, aColStride, b.data(), 0, n, 1, c, cOff, ldc, accumulate);
            return;
        }
        int parts = parts(Math.max(m, STREAMED_ROWS), n, k, threads);
        if (parts > 1 && byColumns(m, n, parts)) {
            columnsPackingA(parts, m, n, k, alpha, a, aOff, aRowStride, aColStride, (ap, c0, c1, ws) ->
                    GemmDriver.weights(ap, m, k, 0, m, b, c0, c1, c, cOff, ldc, accumulate, null, 0, null, ws));
            return;
        }
        var ap = Workspace.current().packedA(Packing.sizeA(m, k));
        Packing.packA(a, aOff, aRowStride, aColStride, m, k, alpha, ap);
        splitPacked(m, n, k, threads, (row0, row1, col0, col1, ws) ->
                GemmDriver.weights(ap, m, k, row0, row1, b, col0, col1, c, cOff, ldc, accumulate, null, 0, null, ws));
    }

    /// `C = A * B (+ C)` for a packed `A` (`a.rows() x a.depth()`) and a strided `B` (`a.depth() x n`).
    public static void multiply(PackedA a, float[] b, int bOff, int bRowStride, int bColStride, int n,
                                float[] c, int cOff, int ldc, boolean accumulate, int threads) {
        int m = a.rows();
        int k = a.depth();
        if (trivial(m, n, k, c, cOff, ldc, accumulate)) {
            return;
        }
        if (!VectorSupport.ENABLED) {
            ScalarGemm.multiply(m, n, k, 1f, a.data(), 0, k, 1, b, bOff, bRowStride, bColStride, c, cOff, ldc, accumulate);
            return;
        }
        stridedB(a.data(), m, k, b, bOff, bRowStride, bColStride, n, c, cOff, ldc, accumulate, null, 0, null, threads,
                Workspace.current());
    }

    /// `C = A * B + bias`, clamped: as the packed-`A` [#multiply] without accumulation, each row `i` starting
    /// from `bias[biasOff + i]` (`bias` may be `null`) and every result passed through `clamp` (may be `null`)
    /// as it is stored. For convolutions with a fused activation; needs the vector kernels ([VectorSupport#enabled()]).
    static void multiplyBiased(PackedA a, float[] b, int bOff, int bRowStride, int n, float[] c, int cOff, int ldc,
                               float[] bias, int biasOff, Clamp clamp, int threads) {
        int m = a.rows();
        int k = a.depth();
        if (m <= 0 || n <= 0) {
            return;
        }
        stridedB(a.data(), m, k, b, bOff, bRowStride, 1, n, c, cOff, ldc, false, bias, biasOff, clamp, threads,
                Workspace.current());
    }

    /// Whether a product on `parts` parts splits its columns (each part packs its own columns of `B` and reads
    /// all of `A`) rather than its rows (`B` packed by the calling thread first, then read by every part): when
    /// `B` has at least as many columns as `A` has rows, so that the operand every part reads is the smaller one,
    /// or enough columns to give every part several panels. (Comparing panels instead, 32 columns against 8 rows,
    /// split MobileNetV2's projections of 64 or 96 channels over 196 positions by rows: at two threads 81-186 µs
    /// against 57-115 µs by columns, the whole model 5.91 -> 5.57 ms.)
    private static boolean byColumns(int m, int n, int parts) {
        int colPanels = Packing.panelsB(n);
        return colPanels >= parts && (n >= m || colPanels >= 4 * parts);
    }

    /// The product of one part's packed `A` with columns `[c0, c1)`.
    private interface ColumnProduct {
        void run(float[] ap, int c0, int c1, Workspace ws);
    }

    /// Runs `product` on `parts` parts taking chunks of column panels in turn (a worker that wakes late takes
    /// fewer), each part packing `A` for itself before its first chunk (nothing serial before the split, and
    /// every core reads `A` from its own cache rather than from the core that packed it).
    private static void columnsPackingA(int parts, int m, int n, int k, float alpha, float[] a, int aOff, int aRowStride,
                                        int aColStride, ColumnProduct product) {
        WorkerPool.runChunks(parts, Packing.panelsB(n), 1, () -> {
            var ap = Workspace.current().packedA(Packing.sizeA(m, k));
            Packing.packA(a, aOff, aRowStride, aColStride, m, k, alpha, ap);
            return ap;
        }, (ap, p0, p1) -> product.run(ap, p0 * NR, Math.min(n, p1 * NR), Workspace.current()));
    }

    /// The parts a product of this size is split into on `threads` threads.
    static int parts(int m, int n, int k, int threads) {
        int panels = Math.max(Packing.panelsA(m), Packing.panelsB(n));
        return WorkerPool.parts(2.0 * m * n * k, MIN_FLOPS_PER_PART, threads, panels);
    }

    private static void stridedB(float[] ap, int m, int k, float[] b, int bOff, int bRowStride, int bColStride, int n,
                                 float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, Clamp clamp,
                                 int threads, Workspace ws) {
        int parts = parts(m, n, k, threads);
        if (parts == 1) {
            GemmDriver.strided(ap, m, k, 0, m, b, bOff, bRowStride, bColStride, 0, n, c, cOff, ldc, accumulate, bias, biasOff,
                    clamp, ws);
            return;
        }
        int colPanels = Packing.panelsB(n);
        if (byColumns(m, n, parts)) {
            // Each part packs and multiplies the columns it takes.
            WorkerPool.runChunks(parts, colPanels, 1, (p0, p1) ->
                    GemmDriver.strided(ap, m, k, 0, m, b, bOff, bRowStride, bColStride, p0 * NR, Math.min(n, p1 * NR), c, cOff,
                            ldc, accumulate, bias, biasOff, clamp, Workspace.current()));
            return;
        }
        // By rows: each part packs all of `B` for itself (narrow here, so a small share of the work) rather than
        // wait for the calling thread to pack it and then read it from that core's cache. (MobileNetV2's
        // projections of 960 channels over 49 positions at two threads: 142-217 -> 119-182 µs.)
        WorkerPool.runChunks(parts, Packing.panelsA(m), 1, () -> {
            var own = Workspace.current().packedB(Packing.sizeB(k, n));
            Packing.packB(b, bOff, bRowStride, bColStride, k, 0, n, own, 0);
            return own;
        }, (own, p0, p1) -> GemmDriver.packed(ap, m, k, p0 * MR, Math.min(m, p1 * MR), own, 0, 0, n, c, cOff, ldc, accumulate,
                bias, biasOff, clamp, Workspace.current()));
    }

    /// A product of packed operands over rows `[row0, row1)` and columns `[col0, col1)`, on the thread whose
    /// workspace is `ws`.
    private interface PackedProduct {
        void run(int row0, int row1, int col0, int col1, Workspace ws);
    }

    /// Runs `product` over all of an `m x n` result, in parts taking chunks of column or of row panels.
    private static void splitPacked(int m, int n, int k, int threads, PackedProduct product) {
        int parts = parts(m, n, k, threads);
        if (parts == 1) {
            product.run(0, m, 0, n, Workspace.current());
        } else if (byColumns(m, n, parts)) {
            WorkerPool.runChunks(parts, Packing.panelsB(n), 1, (p0, p1) ->
                    product.run(0, m, p0 * NR, Math.min(n, p1 * NR), Workspace.current()));
        } else {
            WorkerPool.runChunks(parts, Packing.panelsA(m), 1, (p0, p1) ->
                    product.run(p0 * MR, Math.min(m, p1 * MR), 0, n, Workspace.current()));
        }
    }

    /// Handles empty products: nothing to do, or (for `k == 0`) `C` cleared unless accumulating.
    private static boolean trivial(int m, int n, int k, float[] c, int cOff, int ldc, boolean accumulate) {
        if (m <= 0 || n <= 0) {
            return true;
        }
        if (k > 0) {
            return false;
        }
        if (!accumulate) {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
        }
        return true;
    }
}
