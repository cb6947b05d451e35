package dev.loupe.executor.simd;

/// The scalar fallback of [Sgemm] for machines without a usable vector species: i-p-j loops, so the inner
/// loop runs along rows of `B` and `C` (which the JIT may still auto-vectorize when `B` is contiguous).
final class ScalarGemm {

    private ScalarGemm() {
    }

    static void multiply(int m, int n, int k, float alpha, float[] a, int aOff, int aRowStride, int aColStride,
                         float[] b, int bOff, int bRowStride, int bColStride, float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (!accumulate) {
                for (int j = 0; j < n; j++) {
                    c[ci + j] = 0;
                }
            }
            for (int p = 0; p < k; p++) {
                float x = alpha * a[aOff + i * aRowStride + p * aColStride];
                int bp = bOff + p * bRowStride;
                if (bColStride == 1) {
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += x * b[bp + j];
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += x * b[bp + j * bColStride];
                    }
                }
            }
        }
    }

    /// `alpha` times the strided `rows x cols` matrix, row-major into `dst`.
    static void copy(float[] src, int off, int rowStride, int colStride, int rows, int cols, float alpha, float[] dst) {
        for (int r = 0, d = 0; r < rows; r++) {
            for (int q = 0; q < cols; q++, d++) {
                dst[d] = alpha * src[off + r * rowStride + q * colStride];
            }
        }
    }
}
