package dev.loupe.executor.simd;

/// A right operand `B` (`k x n`) copied once into the column panels [Sgemm] reads, for weights used by every
/// run of a model. Immutable and safe to share between threads; it does not see later changes to the source
/// array.
public final class PackedB {

    private final int k;
    private final int n;
    private final float[] data;

    private PackedB(int k, int n, float[] data) {
        this.k = k;
        this.n = n;
        this.data = data;
    }

    /// The strided matrix `b[off + p * rowStride + j * colStride]`, `p < k`, `j < n`.
    public static PackedB of(float[] b, int off, int k, int n, int rowStride, int colStride) {
        if (k < 0 || n < 0) {
            throw new IllegalArgumentException("negative size " + k + " x " + n);
        }
        if (!VectorSupport.ENABLED) {
            var rows = new float[Math.multiplyExact(k, n)];
            ScalarGemm.copy(b, off, rowStride, colStride, k, n, 1f, rows);
            return new PackedB(k, n, rows);
        }
        var data = new float[Packing.sizeB(k, n)];
        Packing.packB(b, off, rowStride, colStride, k, 0, n, data, 0);
        return new PackedB(k, n, data);
    }

    public int depth() {
        return k;
    }

    public int columns() {
        return n;
    }

    float[] data() {
        return data;
    }
}
