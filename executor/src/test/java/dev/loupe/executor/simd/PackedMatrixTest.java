package dev.loupe.executor.simd;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/// Packed matrix-vector products against a double dot product, over shapes that exercise full panels,
/// narrow last panels, partial vectors and empty dimensions.
class PackedMatrixTest {

    @Test
    void multiplyAddMatchesDotProductsForAwkwardShapes() {
        var r = new Random(3);
        int lanes = VectorSupport.lanes();
        int[] rowCounts = {0, 1, lanes - 1, lanes, 3 * lanes + 2, 8 * lanes, 8 * lanes + 1, 17 * lanes + 5};
        int[] colCounts = {0, 1, 7, 64};
        for (int rows : rowCounts) {
            for (int cols : colCounts) {
                var m = SgemmTest.random(r, 2 + rows * cols);
                var v = SgemmTest.random(r, 1 + cols);
                var y = SgemmTest.random(r, rows + 4);
                var start = y.clone();
                var packed = PackedMatrix.of(m, 2, rows, cols);
                assertThat(packed.rows()).isEqualTo(rows);
                assertThat(packed.cols()).isEqualTo(cols);
                packed.multiplyAdd(v, 1, y, 3);
                for (int j = 0; j < rows; j++) {
                    double want = start[3 + j];
                    for (int k = 0; k < cols; k++) {
                        want += (double) m[2 + j * cols + k] * v[1 + k];
                    }
                    assertThat((double) y[3 + j]).as("row %d of %dx%d", j, rows, cols).isCloseTo(want, within(1e-5 * (1 + cols)));
                }
                assertThat(y[0]).as("before the output").isEqualTo(start[0]);
                assertThat(y[rows + 3]).as("after the output").isEqualTo(start[rows + 3]);
            }
        }
    }
}
