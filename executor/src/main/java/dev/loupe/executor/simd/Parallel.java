package dev.loupe.executor.simd;

/// Loops over an index range spread across the shared workers ([WorkerPool]), for kernels outside this
/// package: elementwise operators, row-wise normalizations, batches of small products. The calling thread
/// takes part of the work; pieces are taken in turn, so a worker that starts late takes fewer.
public final class Parallel {

    /// Items `[from, to)` of a loop; called once per piece, possibly from several threads at once on disjoint
    /// pieces.
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /// Fewest elements of a simple float loop (an elementwise operator, a normalization) worth a thread of
    /// their own: 5 to 10 µs of vector loop, against about 1 µs for handing a part to a polling worker. (With
    /// 64 K, ResNet's residual additions after its first stage and a BERT layer's smaller operators ran on one
    /// thread while the other idled, and often parked: a BERT-style encoder at two threads 14.94 → 14.56 ms,
    /// a GPT-style decoder 14.96 → 14.77 ms.)
    static final int MIN_ELEMENTS_PER_PART = 1 << 14;
    /// Elements a thread takes at least at a time in [#forElements]: a multiple of the widest vector, so that
    /// only the last piece has a scalar tail.
    static final int ELEMENT_PIECE = 1 << 12;

    private Parallel() {
    }

    /// [#forRange] for an elementwise loop over `count` elements.
    public static void forElements(int count, int threads, Range body) {
        forRange(count, MIN_ELEMENTS_PER_PART, ELEMENT_PIECE, threads, body);
    }

    /// [#forRange] for a loop over `rows` rows of `rowLength` elements each (pieces of whole rows).
    public static void forRows(int rows, int rowLength, int threads, Range body) {
        int perRow = Math.max(1, rowLength);
        forRange(rows, Math.max(1, MIN_ELEMENTS_PER_PART / perRow), Math.max(1, ELEMENT_PIECE / perRow), threads, body);
    }

    /// Runs `body` over `[0, count)` on at most `threads` threads, splitting only where each part gets at least
    /// `minPerPart` items (below that the whole range runs on the calling thread); pieces are at least
    /// `minPiece` items long, apart from the last. Returns once every piece has run, rethrowing the first
    /// failure.
    public static void forRange(int count, int minPerPart, int minPiece, int threads, Range body) {
        if (count <= 0) {
            return;
        }
        int parts = WorkerPool.parts(count, minPerPart, threads, count);
        WorkerPool.runChunks(parts, count, Math.max(1, minPiece), body);
    }
}
