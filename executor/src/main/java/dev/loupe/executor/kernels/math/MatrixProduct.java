package dev.loupe.executor.kernels.math;

/// `C[M,N] += A[M,K] * B[K,N]` over flat arrays, with A addressed by row and column strides (so a transposed
/// A costs nothing) and B contiguous by rows; i-k-j order so the inner loop runs along rows of B and C.
final class MatrixProduct {

    private MatrixProduct() {
    }

    static void multiply(float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            for (int p = 0; p < k; p++) {
                float aip = a[aOff + i * aRow + p * aCol];
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    static void multiply(double[] a, int aOff, int aRow, int aCol, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            for (int p = 0; p < k; p++) {
                double aip = a[aOff + i * aRow + p * aCol];
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    static void multiply(long[] a, int aOff, int aRow, int aCol, long[] b, int bOff, long[] c, int cOff, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            for (int p = 0; p < k; p++) {
                long aip = a[aOff + i * aRow + p * aCol];
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    /// The `rows x cols` matrix at `off` of `src`, transposed into a new contiguous `cols x rows` array.
    static float[] transpose(float[] src, int off, int rows, int cols) {
        var out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = src[off + r * cols + c];
            }
        }
        return out;
    }

    static double[] transpose(double[] src, int off, int rows, int cols) {
        var out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = src[off + r * cols + c];
            }
        }
        return out;
    }

    static long[] transpose(long[] src, int off, int rows, int cols) {
        var out = new long[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = src[off + r * cols + c];
            }
        }
        return out;
    }
}
