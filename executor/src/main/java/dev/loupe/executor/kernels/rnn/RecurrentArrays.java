package dev.loupe.executor.kernels.rnn;

import dev.loupe.executor.simd.Sgemm;

/// Array helpers of the recurrent kernels: axis swaps, the float input projection and conversions.
final class RecurrentArrays {

    private RecurrentArrays() {
    }

    /// `v` as `[a, b, rest]` → `out` as `[b, a, rest]`, for any primitive array type; returns `out`.
    static <T> T swapLeadingAxes(T v, T out, int a, int b, int rest) {
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(v, (i * b + j) * rest, out, (j * a + i) * rest, rest);
            }
        }
        return out;
    }

    /// `out = x·Wᵀ + Wb + Rb` for all `rows` rows of `x` (`[rows, k]`), with `W` `[n, k]` at `wFrom` and the
    /// biases `Wb`, `Rb` (`n` each, one after the other) at `bFrom` in `b` (`null`: no bias).
    static void inputProjection(float[] x, int rows, int k, float[] w, int wFrom, int n, float[] b, int bFrom,
                                float[] out, int threads) {
        if (b != null) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < n; j++) {
                    out[i * n + j] = b[bFrom + j] + b[bFrom + n + j];
                }
            }
        }
        Sgemm.multiply(rows, n, k, 1f, x, 0, k, 1, w, wFrom, 1, k, out, 0, n, b != null, threads);
    }

    /// `v[from, from + n)` rounded to float.
    static float[] floats(double[] v, int from, int n) {
        var out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) v[from + i];
        }
        return out;
    }
}
