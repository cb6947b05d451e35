package dev.loupe.executor.simd;

/// A float matrix `M` (`rows x cols`) packed once for repeated matrix-vector products `y += M·v`, such as
/// the weights of a recurrent layer, which meet a new state vector at every step (and, for the input
/// projection, every input row).
///
/// Unlike the rest of this package it uses no Vector API: a recurrent layer calls [#multiplyAdd] thousands
/// of times per run on a few hundred thousand multiply-adds each, and Vector API code runs its slow Java
/// fallback until C2 has compiled it (never under `-XX:TieredStopAtLevel=1`), which made the first run of
/// an LSTM many times slower than the warm ones. It is plain loops instead, fast in the quick compiler
/// and vectorized by C2's auto-vectorizer: `M` is kept as one array per column, and a product adds eight
/// columns at a time into an accumulator with [Math#fma]; every array in the inner loop is indexed by the
/// same `j`, which lets C2 vectorize it without knowing whether the arrays alias. Immutable once built;
/// products may run on several threads at once (each thread has its own accumulators).
public final class PackedMatrix {

    private static final int UNROLL = 8;
    /// How many vectors [#multiplyAddAll] takes at once, each column of `M` loaded once for all of them.
    private static final int VECTORS = 4;
    private static final ThreadLocal<float[][]> ACCUMULATORS = ThreadLocal.withInitial(() -> new float[VECTORS][0]);

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
        var acc = accumulators()[0];
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

    /// [#multiplyAdd] for `count` vectors: `y[yo + i * rows + j] += Σ_k M[j, k] · v[vo + i * cols + k]` for
    /// `i < count`, four vectors at a time, so that each column of `M` is read once per four vectors (about
    /// twice as fast as one product per vector); `v` and `y` must not overlap.
    public void multiplyAddAll(float[] v, int vo, float[] y, int yo, int count) {
        var acc = accumulators();
        int i = 0;
        for (; i + VECTORS <= count; i += VECTORS) {
            for (int a = 0; a < VECTORS; a++) {
                System.arraycopy(y, yo + (i + a) * rows, acc[a], 0, rows);
            }
            addColumnsToFour(v, vo + i * cols, acc[0], acc[1], acc[2], acc[3]);
            for (int a = 0; a < VECTORS; a++) {
                System.arraycopy(acc[a], 0, y, yo + (i + a) * rows, rows);
            }
        }
        for (; i < count; i++) {
            multiplyAdd(v, vo + i * cols, y, yo + i * rows);
        }
    }

    /// `accA[j] += Σ_k M[j, k] · v[vo + A * cols + k]` for the four accumulators `A`, four columns at a time.
    private void addColumnsToFour(float[] v, int vo, float[] acc0, float[] acc1, float[] acc2, float[] acc3) {
        int v0 = vo;
        int v1 = v0 + cols;
        int v2 = v1 + cols;
        int v3 = v2 + cols;
        int k = 0;
        for (; k + 4 <= cols; k += 4) {
            var c0 = columns[k];
            var c1 = columns[k + 1];
            var c2 = columns[k + 2];
            var c3 = columns[k + 3];
            float x00 = v[v0 + k], x01 = v[v0 + k + 1], x02 = v[v0 + k + 2], x03 = v[v0 + k + 3];
            float x10 = v[v1 + k], x11 = v[v1 + k + 1], x12 = v[v1 + k + 2], x13 = v[v1 + k + 3];
            float x20 = v[v2 + k], x21 = v[v2 + k + 1], x22 = v[v2 + k + 2], x23 = v[v2 + k + 3];
            float x30 = v[v3 + k], x31 = v[v3 + k + 1], x32 = v[v3 + k + 2], x33 = v[v3 + k + 3];
            for (int j = 0; j < rows; j++) {
                float m0 = c0[j];
                float m1 = c1[j];
                float m2 = c2[j];
                float m3 = c3[j];
                acc0[j] = Math.fma(m3, x03, Math.fma(m2, x02, Math.fma(m1, x01, Math.fma(m0, x00, acc0[j]))));
                acc1[j] = Math.fma(m3, x13, Math.fma(m2, x12, Math.fma(m1, x11, Math.fma(m0, x10, acc1[j]))));
                acc2[j] = Math.fma(m3, x23, Math.fma(m2, x22, Math.fma(m1, x21, Math.fma(m0, x20, acc2[j]))));
                acc3[j] = Math.fma(m3, x33, Math.fma(m2, x32, Math.fma(m1, x31, Math.fma(m0, x30, acc3[j]))));
            }
        }
        for (; k < cols; k++) {
            var c = columns[k];
            float x0 = v[v0 + k];
            float x1 = v[v1 + k];
            float x2 = v[v2 + k];
            float x3 = v[v3 + k];
            for (int j = 0; j < rows; j++) {
                float m = c[j];
                acc0[j] = Math.fma(m, x0, acc0[j]);
                acc1[j] = Math.fma(m, x1, acc1[j]);
                acc2[j] = Math.fma(m, x2, acc2[j]);
                acc3[j] = Math.fma(m, x3, acc3[j]);
            }
        }
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

    /// This thread's accumulators, each grown to at least `rows`.
    private float[][] accumulators() {
        var acc = ACCUMULATORS.get();
        if (acc[0].length < rows) {
            for (int a = 0; a < VECTORS; a++) {
                acc[a] = new float[rows];
            }
        }
        return acc;
    }
}
