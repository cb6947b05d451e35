package dev.loupe.executor.simd;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/// The vector sum against a double sum over lengths around the vector and unrolled-loop boundaries.
class ReductionsTest {

    @Test
    void sumMatchesDoubleSumAtEveryLengthAndOffset() {
        var r = new Random(6);
        int lanes = VectorSupport.lanes();
        for (int n : new int[] {0, 1, lanes - 1, lanes, 4 * lanes - 1, 4 * lanes, 4 * lanes + 1, 5 * lanes + 3, 3136}) {
            var x = SgemmTest.random(r, n + 5);
            double want = 0;
            double magnitude = 0;
            for (int i = 0; i < n; i++) {
                want += x[5 + i];
                magnitude += Math.abs(x[5 + i]);
            }
            assertThat((double) Reductions.sum(x, 5, n)).as("n %d", n).isCloseTo(want, within(1e-6 * magnitude + 1e-7));
        }
    }

    @Test
    void nanAnywhereMakesTheSumNaN() {
        int n = 6 * VectorSupport.lanes() + 1;
        for (int at : new int[] {0, n / 2, n - 1}) {
            var x = new float[n];
            x[at] = Float.NaN;
            assertThat(Reductions.sum(x, 0, n)).as("NaN at %d", at).isNaN();
        }
    }
}
