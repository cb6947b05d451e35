package dev.loupe.executor.simd;

/// A float matrix `M` (`rows x cols`) packed once for repeated matrix-vector products `y += M·v`, such as
/// the recurrence weights of a recurrent layer, which meet a new state vector at every step.
///
/// Unlike the rest of this package it uses no Vector API: a recurrent layer calls [#multiplyAdd] thousands
/// of times per run on a few hundred thousand multiply-adds each, and Vector API code runs its slow Java
/// fallback until C2 has compiled it (never under `-XX:TieredStopAtLevel=1`), which made the first run of
/// an LSTM many times slower than the warm ones. It is plain loops instead, fast in the quick compiler
/// and vectorized by C2's auto-vectorizer: `M` is kept as one array per column, and a product adds eight
/// columns at a time into an accumulator with [Math#fma]; every array in the inner loop is indexed by the
/// same `j`, which lets C2 vectorize it without knowing whether the arrays alias. Immutable once built;
/// products may run on several threads at once (each thread has its own accumulator).
public final class PackedMatrix {

    private static final int UNROLL = 8;
    private static final ThreadLocal<float[]> ACCUMULATOR = ThreadLocal.withInitial(() -> new float[0]);

    private final int rows;
    private final int cols;
    private final float[][] columns;

    private PackedMatrix(int rows, int cols, float[][] columns) {
        this.rows = rows;
        this.cols = cols;
        this.columns = columns;
    }

    /// Packs `M[j, k] = m[off + j * cols + k]` (row-major).
    public static PackedMatrix of(float[] m, int off, int rows, int cols) {
        var columns = new float[cols][rows];
        for (int j = 0; j < rows; j++) {
            int src = off + j * cols;
            for (int k = 0; k < cols; k++) {
                columns[k][j] = m[src + k];
            }
        }
        return new PackedMatrix(rows, cols, columns);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /// `y[yo + j] += Σ_k M[j, k] · v[vo + k]` for every row `j`; `v[vo, vo + cols)` and `y[yo, yo + rows)`
    /// must not overlap.
    public void multiplyAdd(float[] v, int vo, float[] y, int yo) {
        var acc = accumulator();
        System.arraycopy(y, yo, acc, 0, rows);
        int k = 0;
        for (; k + UNROLL <= cols; k += UNROLL) {
            addColumns(k, v, vo, acc);
        }
        for (; k < cols; k++) {
            var c = columns[k];
            float x = v[vo + k];
            for (int j = 0; j < rows; j++) {
                acc[j] = Math.fma(c[j], x, acc[j]);
            }
        }
        System.arraycopy(acc, 0, y, yo, rows);
    }

    /// `acc[j] += Σ M[j, k + i] · v[vo + k + i]` for `i < 8`.
    private void addColumns(int k, float[] v, int vo, float[] acc) {
        var c0 = columns[k];
        var c1 = columns[k + 1];
        var c2 = columns[k + 2];
        var c3 = columns[k + 3];
        var c4 = columns[k + 4];
        var c5 = columns[k + 5];
        var c6 = columns[k + 6];
        var c7 = columns[k + 7];
        float x0 = v[vo + k];
        float x1 = v[vo + k + 1];
        float x2 = v[vo + k + 2];
        float x3 = v[vo + k + 3];
        float x4 = v[vo + k + 4];
        float x5 = v[vo + k + 5];
        float x6 = v[vo + k + 6];
        float x7 = v[vo + k + 7];
        for (int j = 0; j < rows; j++) {
            float s = Math.fma(c0[j], x0, acc[j]);
            s = Math.fma(c1[j], x1, s);
            s = Math.fma(c2[j], x2, s);
            s = Math.fma(c3[j], x3, s);
            s = Math.fma(c4[j], x4, s);
            s = Math.fma(c5[j], x5, s);
            s = Math.fma(c6[j], x6, s);
            acc[j] = Math.fma(c7[j], x7, s);
        }
    }

    /// This thread's accumulator, grown to at least `rows`.
    private float[] accumulator() {
        var acc = ACCUMULATOR.get();
        if (acc.length < rows) {
            acc = new float[rows];
            ACCUMULATOR.set(acc);
        }
        return acc;
    }
}
