package dev.loupe.executor.simd;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SgemmTest {

    /// Shapes around the tile sizes (8 rows, two vectors of columns) and the K block (256), plus skinny ones.
    @ParameterizedTest(name = "{0}x{1}x{2}")
    @CsvSource({"1,1,1", "7,5,3", "8,32,256", "9,33,257", "16,64,512", "13,70,600", "1,768,300", "300,1,70",
            "100,100,100", "17,200,513", "64,1100,20",
            // Two column blocks of three K blocks each.
            "9,1100,600",
            // Large enough for two parts: split by columns (A packed in each part), by rows (B packed in each
            // part), by columns again, and by columns for fewer column panels than row panels (a MobileNetV2
            // projection: 7 against 8).
            "128,512,130", "300,40,400", "96,300,160", "64,196,384"})
    void stridedProductsMatchDoubleReference(int m, int n, int k) {
        var r = new Random(m * 31L + n * 7L + k);
        var a = random(r, m * k);
        var b = random(r, k * n);
        var expected = reference(m, n, k, a, 0, k, 1, b, 0, n, 1);
        for (int threads : new int[] {1, 2}) {
            var c = new float[m * n];
            Sgemm.multiply(m, n, k, 1f, a, 0, k, 1, b, 0, n, 1, c, 0, n, false, threads);
            assertClose(c, expected, k);
            var packed = new float[m * n];
            Sgemm.multiply(m, 1f, a, 0, k, 1, PackedB.of(b, 0, k, n, n, 1), packed, 0, n, false, threads);
            assertClose(packed, expected, k);
            var left = new float[m * n];
            Sgemm.multiply(PackedA.of(a, 0, m, k, k, 1, 1f), b, 0, n, 1, n, left, 0, n, false, threads);
            assertClose(left, expected, k);
        }
    }

    @Test
    void transposedOperandsAlphaAccumulateAndOffsets() {
        int m = 21;
        int n = 45;
        int k = 300;
        var r = new Random(5);
        // A stored transposed (k x m) after 3 floats of padding, B stored transposed (n x k).
        var at = random(r, 3 + k * m);
        var bt = random(r, k * n);
        var expected = reference(m, n, k, at, 3, 1, m, bt, 0, 1, k);
        int ldc = n + 4;
        var c = new float[2 + m * ldc];
        var start = random(r, c.length);
        System.arraycopy(start, 0, c, 0, c.length);
        Sgemm.multiply(m, n, k, 0.5f, at, 3, 1, m, bt, 0, 1, k, c, 2, ldc, true, 2);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double want = start[2 + i * ldc + j] + 0.5 * expected[i * n + j];
                assertThat((double) c[2 + i * ldc + j]).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-4 * Math.sqrt(k)));
            }
            for (int j = n; j < ldc && 2 + i * ldc + j < c.length; j++) {
                assertThat(c[2 + i * ldc + j]).as("padding column untouched").isEqualTo(start[2 + i * ldc + j]);
            }
        }
        assertThat(c[0]).isEqualTo(start[0]);
    }

    @Test
    void emptyDepthClearsOrKeepsC() {
        var c = new float[] {1, 2, 3, 4};
        Sgemm.multiply(2, 2, 0, 1f, new float[0], 0, 0, 1, new float[0], 0, 2, 1, c, 0, 2, true, 1);
        assertThat(c).containsExactly(1, 2, 3, 4);
        Sgemm.multiply(2, 2, 0, 1f, new float[0], 0, 0, 1, new float[0], 0, 2, 1, c, 0, 2, false, 1);
        assertThat(c).containsExactly(0, 0, 0, 0);
    }

    @Test
    void scalarFallbackMatches() {
        int m = 11;
        int n = 19;
        int k = 37;
        var r = new Random(9);
        var a = random(r, m * k);
        var b = random(r, k * n);
        var c = new float[m * n];
        ScalarGemm.multiply(m, n, k, 1f, a, 0, k, 1, b, 0, n, 1, c, 0, n, false);
        assertClose(c, reference(m, n, k, a, 0, k, 1, b, 0, n, 1), k);
    }

    @Test
    void bigProductSplitsAcrossThreadsAndStaysExactPerPart() {
        assertThat(Sgemm.parts(1024, 1024, 1024, 2)).isEqualTo(Math.min(2, WorkerPool.size()));
        assertThat(Sgemm.parts(8, 32, 16, 2)).isEqualTo(1);
        // The two-part shapes of stridedProductsMatchDoubleReference really take two parts.
        for (int[] shape : new int[][] {{128, 512, 130}, {300, 40, 400}, {96, 300, 160}, {64, 196, 384}}) {
            assertThat(Sgemm.parts(shape[0], shape[1], shape[2], 2)).isEqualTo(Math.min(2, WorkerPool.size()));
        }
    }

    /// Small products (spread whole over the threads) and large ones (each split), with a `B` shared by
    /// every batch and one per batch.
    @ParameterizedTest(name = "{0} batches of {1}x{2}x{3}")
    @CsvSource({"12,64,32,48", "3,7,5,3", "2,128,512,130"})
    void batchesMatchTheirProductsOneByOne(int batches, int m, int n, int k) {
        var r = new Random(batches * 131L + m);
        var a = random(r, batches * m * k);
        var b = random(r, batches * k * n);
        var aOffsets = new int[batches];
        var shared = new int[batches];
        var own = new int[batches];
        for (int i = 0; i < batches; i++) {
            aOffsets[i] = (batches - 1 - i) * m * k;
            shared[i] = k * n;
            own[i] = i * k * n;
        }
        for (var bOffsets : new int[][] {shared, own}) {
            for (int threads : new int[] {1, 2}) {
                var c = new float[batches * m * n];
                Sgemm.multiplyBatches(batches, m, n, k, a, aOffsets, k, 1, b, bOffsets, n, 1, c, threads);
                for (int i = 0; i < batches; i++) {
                    var expected = reference(m, n, k, a, aOffsets[i], k, 1, b, bOffsets[i], n, 1);
                    assertClose(java.util.Arrays.copyOfRange(c, i * m * n, (i + 1) * m * n), expected, k);
                }
            }
        }
    }

    static float[] random(Random r, int n) {
        var x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        return x;
    }

    static double[] reference(int m, int n, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int bRow, int bCol) {
        var out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[aOff + i * aRow + p * aCol] * b[bOff + p * bRow + j * bCol];
                }
                out[i * n + j] = s;
            }
        }
        return out;
    }

    /// Float sums of `k` products of values in [-1, 1] stay within a few ulps times sqrt(k) of the exact sum.
    static void assertClose(float[] actual, double[] expected, int k) {
        double tolerance = 1e-5 * Math.max(1, Math.sqrt(k)) * 4;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(actual[i] - expected[i]);
            if (diff > tolerance) {
                throw new AssertionError("element " + i + ": " + actual[i] + " vs " + expected[i]);
            }
        }
    }
}
