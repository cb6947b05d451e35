package dev.loupe.executor.simd;

/// A left operand `A` (`m x k`) copied once into the layout [Sgemm] reads, for matrices used many times such
/// as convolution weights. Immutable and safe to share between threads; it does not see later changes to the
/// source array.
public final class PackedA {

    private final int m;
    private final int k;
    private final float[] data;

    private PackedA(int m, int k, float[] data) {
        this.m = m;
        this.k = k;
        this.data = data;
    }

    /// `alpha` times the strided matrix `a[off + i * rowStride + p * colStride]`, `i < m`, `p < k`.
    public static PackedA of(float[] a, int off, int m, int k, int rowStride, int colStride, float alpha) {
        if (m < 0 || k < 0) {
            throw new IllegalArgumentException("negative size " + m + " x " + k);
        }
        if (!VectorSupport.ENABLED) {
            var rows = new float[Math.multiplyExact(m, k)];
            ScalarGemm.copy(a, off, rowStride, colStride, m, k, alpha, rows);
            return new PackedA(m, k, rows);
        }
        var data = new float[Packing.sizeA(m, k)];
        Packing.packA(a, off, rowStride, colStride, m, k, alpha, data);
        return new PackedA(m, k, data);
    }

    public int rows() {
        return m;
    }

    public int depth() {
        return k;
    }

    float[] data() {
        return data;
    }
}
