package dev.loupe.executor.simd;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/// The vector folds against double folds over lengths around the vector and unrolled-loop boundaries.
class ReductionsTest {

    private static final int[] LENGTHS = {0, 1, VectorSupport.lanes() - 1, VectorSupport.lanes(), 4 * VectorSupport.lanes() + 1,
        5 * VectorSupport.lanes() + 3, 300};

    @Test
    void everyFoldMatchesADoubleFold() {
        var r = new Random(7);
        for (var fold : Reductions.Fold.values()) {
            for (int n : LENGTHS) {
                var x = nearOne(r, n + 3);
                double want = expected(fold, x, 3, n);
                assertThat((double) Reductions.fold(fold, x, 3, n)).as("%s of %d", fold, n)
                        .isCloseTo(want, within(2e-6 * (1 + Math.abs(want)) * Math.max(1, n / 16)));
            }
        }
    }

    @Test
    void accumulateAddsEachElementToItsOwnPartial() {
        var r = new Random(8);
        for (var fold : Reductions.Fold.values()) {
            for (int n : LENGTHS) {
                var acc = nearOne(r, n + 2);
                var x = nearOne(r, n + 5);
                var start = acc.clone();
                Reductions.accumulate(fold, acc, 2, x, 5, n);
                for (int i = 0; i < n; i++) {
                    double want = fold.combine(start[2 + i], (float) expected(fold, x, 5 + i, 1));
                    assertThat((double) acc[2 + i]).as("%s, element %d of %d", fold, i, n).isCloseTo(want, within(1e-6 * (1 + Math.abs(want))));
                }
                assertThat(acc[0]).as("before the row").isEqualTo(start[0]);
                assertThat(acc[1]).as("before the row").isEqualTo(start[1]);
            }
        }
    }

    @Test
    void exponentialSumsMatchDoubleSums() {
        var r = new Random(9);
        for (int n : LENGTHS) {
            var x = nearOne(r, n + 3);
            var shift = nearOne(r, n + 1);
            double want = 0;
            for (int i = 0; i < n; i++) {
                want += Math.exp(x[3 + i] - 0.5);
            }
            assertThat((double) Reductions.expSum(x, 3, n, 0.5f)).as("sum of %d", n).isCloseTo(want, within(1e-6 * (1 + want)));
            var acc = nearOne(r, n);
            var start = acc.clone();
            Reductions.accumulateExp(acc, 0, x, 3, shift, 1, n);
            for (int i = 0; i < n; i++) {
                double e = start[i] + Math.exp(x[3 + i] - shift[1 + i]);
                assertThat((double) acc[i]).as("element %d of %d", i, n).isCloseTo(e, within(1e-6 * (1 + Math.abs(e))));
            }
        }
    }

    @Test
    void aNaNWinsEveryFold() {
        int n = 6 * VectorSupport.lanes() + 1;
        for (var fold : Reductions.Fold.values()) {
            for (int at : new int[] {0, n / 2, n - 1}) {
                var x = new float[n];
                java.util.Arrays.fill(x, 1f);
                x[at] = Float.NaN;
                assertThat(Reductions.fold(fold, x, 0, n)).as("%s, NaN at %d", fold, at).isNaN();
                var acc = new float[n];
                Reductions.accumulate(fold, acc, 0, x, 0, n);
                assertThat(acc[at]).as("%s accumulated, NaN at %d", fold, at).isNaN();
            }
        }
    }

    private static double expected(Reductions.Fold fold, float[] x, int off, int n) {
        double result = fold.identity();
        for (int i = off; i < off + n; i++) {
            double v = x[i];
            result = switch (fold) {
                case SUM -> result + v;
                case SUM_OF_SQUARES -> result + v * v;
                case SUM_OF_ABSOLUTES -> result + Math.abs(v);
                case PRODUCT -> result * v;
                case MAX -> Math.max(result, v);
                case MIN -> Math.min(result, v);
            };
        }
        return result;
    }

    /// Values `±(1 + 0.05 g)`, so that products of hundreds stay far from zero and infinity.
    private static float[] nearOne(Random r, int n) {
        var x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((r.nextBoolean() ? -1 : 1) * (1 + 0.05 * r.nextGaussian()));
        }
        return x;
    }

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
