package dev.loupe.executor.simd;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PackingTest {

    /// `A` packed into its panel layout holds `alpha * A[i, p]` at [Packing#offsetA] `(i / MR, pc) + (p - pc) * MR
    /// + i % MR` and zeros in the rows past `m`, whatever its strides: row-major rows (transposed a vector of
    /// columns at a time) with K blocks that are not a multiple of the vector length, a last partial row panel,
    /// column-major, and rows with a stride longer than the row.
    @ParameterizedTest(name = "{0}x{1} strides {2},{3} alpha {4}")
    @CsvSource({"21,600,603,1,1", "16,512,512,1,0.5", "8,37,40,1,1", "19,300,1,19,1", "5,70,70,1,2", "64,1000,1003,1,1"})
    void everyElementLandsWhereTheLayoutSays(int m, int k, int rowStride, int colStride, float alpha) {
        var r = new Random(m * 1000L + k);
        var a = SgemmTest.random(r, 3 + Math.max((m - 1) * rowStride + (k - 1) * colStride + 1, m * k));
        var dst = new float[Packing.sizeA(m, k) + 1];
        java.util.Arrays.fill(dst, Float.NaN);
        Packing.packA(a, 3, rowStride, colStride, m, k, alpha, dst);
        int step = GemmDriver.depthStep(k);
        for (int pc = 0; pc < k; pc += step) {
            for (int ip = 0; ip < Packing.panelsA(m); ip++) {
                int base = Packing.offsetA(m, k, ip, pc);
                for (int p = pc; p < Math.min(k, pc + step); p++) {
                    for (int q = 0; q < MicroKernels.MR; q++) {
                        int i = ip * MicroKernels.MR + q;
                        float want = i < m ? alpha * a[3 + i * rowStride + p * colStride] : 0f;
                        assertThat(dst[base + (p - pc) * MicroKernels.MR + q]).as("row %d, column %d", i, p).isEqualTo(want);
                    }
                }
            }
        }
        assertThat(dst[dst.length - 1]).isNaN();
    }
}
