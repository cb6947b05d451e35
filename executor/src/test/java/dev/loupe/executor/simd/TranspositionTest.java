package dev.loupe.executor.simd;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TranspositionTest {

    /// Every element lands at its transposed place and nothing else in the destination is written, for whole
    /// tiles (several in each direction), rows and columns past the last whole tile, a matrix narrower or
    /// shorter than one tile, a single row or column, an empty one, and strides longer than the rows on both
    /// sides (the values between the rows are not read and not written).
    @ParameterizedTest(name = "{0}x{1} strides {2},{3}")
    @CsvSource({"64,128,128,64", "128,64,512,136", "16,16,16,16", "37,53,60,41", "5,70,70,9", "70,5,8,75", "1,33,33,1",
            "33,1,1,40", "0,12,12,1", "12,0,1,12", "3,3,3,3"})
    void everyElementLandsAtItsTransposedPlace(int rows, int cols, int srcStride, int dstStride) {
        var r = new Random(rows * 1000L + cols);
        var src = SgemmTest.random(r, 5 + Math.max(0, (rows - 1) * srcStride + cols) + 3);
        int dstSize = 2 + Math.max(0, (cols - 1) * dstStride + rows) + 4;
        var dst = new float[dstSize];
        Arrays.fill(dst, Float.NaN);
        Transposition.block(src, 5, srcStride, dst, 2, dstStride, rows, cols);
        var written = new boolean[dstSize];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int at = 2 + j * dstStride + i;
                assertThat(dst[at]).as("row %d, column %d", i, j).isEqualTo(src[5 + i * srcStride + j]);
                written[at] = true;
            }
        }
        for (int at = 0; at < dstSize; at++) {
            if (!written[at]) {
                assertThat(dst[at]).as("untouched element %d", at).isNaN();
            }
        }
    }
}
