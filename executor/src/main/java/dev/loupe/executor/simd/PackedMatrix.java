package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/// A float matrix `M` (`rows x cols`) packed once for repeated matrix-vector products `y += M·v`, such as
/// the recurrence of a recurrent layer, where the same weights meet a new state vector at every step.
///
/// Rows are grouped in panels of eight vectors' height (128 rows with 16 lanes); inside a panel, column `k`
/// of the panel's rows is stored contiguously, so a product walks each panel once with eight independent
/// vector accumulators and no horizontal sums. The last panel is narrower (whole vectors, zero-padded).
/// Without vector kernels ([VectorSupport#enabled()]) the matrix is kept row-major and products are scalar
/// dot products. Immutable once built; [#multiplyAdd] may run on several threads at once.
public final class PackedMatrix {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;
    private static final int PANEL = 8 * L;

    private final int rows;
    private final int cols;
    private final float[] data;

    private PackedMatrix(int rows, int cols, float[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /// Packs `M[j, k] = m[off + j * cols + k]` (row-major).
    public static PackedMatrix of(float[] m, int off, int rows, int cols) {
        if (!VectorSupport.ENABLED) {
            var copy = new float[rows * cols];
            System.arraycopy(m, off, copy, 0, copy.length);
            return new PackedMatrix(rows, cols, copy);
        }
        int padded = (rows + L - 1) / L * L;
        var data = new float[padded * cols];
        for (int j0 = 0; j0 < rows; j0 += PANEL) {
            int width = Math.min(PANEL, padded - j0);
            int base = j0 * cols;
            for (int j = j0; j < Math.min(rows, j0 + width); j++) {
                int src = off + j * cols;
                for (int k = 0; k < cols; k++) {
                    data[base + k * width + (j - j0)] = m[src + k];
                }
            }
        }
        return new PackedMatrix(rows, cols, data);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /// `y[yo + j] += Σ_k M[j, k] · v[vo + k]` for every row `j`.
    public void multiplyAdd(float[] v, int vo, float[] y, int yo) {
        if (!VectorSupport.ENABLED) {
            scalarMultiplyAdd(v, vo, y, yo);
            return;
        }
        int j0 = 0;
        for (; j0 + PANEL <= rows; j0 += PANEL) {
            fullPanel(j0 * cols, v, vo, y, yo + j0);
        }
        if (j0 < rows) {
            lastPanel(j0, v, vo, y, yo);
        }
    }

    private void scalarMultiplyAdd(float[] v, int vo, float[] y, int yo) {
        for (int j = 0; j < rows; j++) {
            float s = 0;
            for (int k = 0; k < cols; k++) {
                s += data[j * cols + k] * v[vo + k];
            }
            y[yo + j] += s;
        }
    }

    /// The panel of rows `[j0, rows)`, fewer than a full panel, one vector of rows at a time.
    private void lastPanel(int j0, float[] v, int vo, float[] y, int yo) {
        int vectors = (rows - j0 + L - 1) / L;
        int width = vectors * L;
        int base = j0 * cols;
        for (int t = 0; t < vectors; t++) {
            var acc = FloatVector.zero(S);
            for (int k = 0, q = base + t * L; k < cols; k++, q += width) {
                acc = FloatVector.fromArray(S, data, q).fma(FloatVector.broadcast(S, v[vo + k]), acc);
            }
            int j = j0 + t * L;
            var m = S.indexInRange(j, rows);
            FloatVector.fromArray(S, y, yo + j, m).add(acc).intoArray(y, yo + j, m);
        }
    }

    private void fullPanel(int base, float[] v, int vo, float[] y, int yo) {
        var a0 = FloatVector.zero(S);
        var a1 = a0;
        var a2 = a0;
        var a3 = a0;
        var a4 = a0;
        var a5 = a0;
        var a6 = a0;
        var a7 = a0;
        var d = data;
        for (int k = 0, q = base; k < cols; k++, q += PANEL) {
            var x = FloatVector.broadcast(S, v[vo + k]);
            a0 = FloatVector.fromArray(S, d, q).fma(x, a0);
            a1 = FloatVector.fromArray(S, d, q + L).fma(x, a1);
            a2 = FloatVector.fromArray(S, d, q + 2 * L).fma(x, a2);
            a3 = FloatVector.fromArray(S, d, q + 3 * L).fma(x, a3);
            a4 = FloatVector.fromArray(S, d, q + 4 * L).fma(x, a4);
            a5 = FloatVector.fromArray(S, d, q + 5 * L).fma(x, a5);
            a6 = FloatVector.fromArray(S, d, q + 6 * L).fma(x, a6);
            a7 = FloatVector.fromArray(S, d, q + 7 * L).fma(x, a7);
        }
        FloatVector.fromArray(S, y, yo).add(a0).intoArray(y, yo);
        FloatVector.fromArray(S, y, yo + L).add(a1).intoArray(y, yo + L);
        FloatVector.fromArray(S, y, yo + 2 * L).add(a2).intoArray(y, yo + 2 * L);
        FloatVector.fromArray(S, y, yo + 3 * L).add(a3).intoArray(y, yo + 3 * L);
        FloatVector.fromArray(S, y, yo + 4 * L).add(a4).intoArray(y, yo + 4 * L);
        FloatVector.fromArray(S, y, yo + 5 * L).add(a5).intoArray(y, yo + 5 * L);
        FloatVector.fromArray(S, y, yo + 6 * L).add(a6).intoArray(y, yo + 6 * L);
        FloatVector.fromArray(S, y, yo + 7 * L).add(a7).intoArray(y, yo + 7 * L);
    }
}
