package dev.loupe.executor.simd;

/// The three transforms of one of Winograd's minimal filtering algorithms `F(T x T, 3 x 3)`, as [Winograd] runs
/// them: a tile of `T x T` outputs is `A^T [(G g G^T) ⊙ (B^T d B)] A` for the 3x3 filter `g` and the
/// `(T + 2) x (T + 2)` block of inputs `d` under the tile. The input and output transforms work on `L` tiles at
/// once (one per vector lane), the tiles of a row of tiles side by side.
///
/// Input blocks are read from a plane split into `T` phases ([Winograd]'s scratch layout): phase `p`, column
/// `i` of a phase row holds the input column `T i + p`, so that column `j` of the blocks of tiles `tx ..
/// tx + L - 1` is one vector load (phase `j % T`, from column `tx + j / T`).
///
/// No method here takes or returns a vector: a vector passed to a call the JIT does not inline loses its exact
/// type, and the operations on it then allocate.
sealed interface WinogradTransform permits WinogradF2, WinogradF4 {

    /// `T`: outputs per tile side.
    int tile();

    /// `(T + 2)^2`: elements of a transformed block, hence products per call.
    int elements();

    /// Floats of per-thread scratch [#input] and [#output] need at `work` (past everything else).
    int workSize();

    /// `U = G g G^T` of the 3x3 filter `g` (row-major): element `e` to `u[at + e * size]`.
    void filter(double[] g, float[] u, int at, int size);

    /// `V = B^T d B` for the `L` tiles from `(ty, tx)` on, from the phases at `scratch[p * plane]` (rows
    /// `pitch` apart): element `e` of each to `scratch[to + e * stagedRow]` on. `scratch[work]` on is this
    /// call's to use.
    void input(float[] scratch, int plane, int pitch, int ty, int tx, int to, int stagedRow, int work);

    /// `Y = A^T M A + bias`, bounded by `[lo, hi]`, for the `L` tiles whose element `e` is at
    /// `products[i + e * stride]` on: output row `r < rows` of the tiles (`valid` values, at most `T L`) to
    /// `out[top + r * width]`. `scratch[work]` on is this call's to use.
    void output(float[] products, int i, int stride, float bias, float lo, float hi, float[] out, int top,
                int width, int rows, int valid, float[] scratch, int work);
}
