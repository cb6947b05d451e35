package dev.loupe.executor.simd;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/// The vector activations against double-precision references, over lengths that leave every possible tail
/// (0 to two vectors and a bit), at offsets, in place, and at the special values.
class ActivationsTest {

    private static final int[] LENGTHS = {0, 1, 3, VectorSupport.lanes() - 1, VectorSupport.lanes(), VectorSupport.lanes() + 1,
        2 * VectorSupport.lanes() + 5, 1000};

    private static float[] spread(Random r, int n) {
        var x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * (i % 3 == 0 ? 12 : 2));
        }
        return x;
    }

    @Test
    void tanhAndSigmoidAreWithinTwoUlpsOfDoubleAtEveryLengthAndOffset() {
        var r = new Random(11);
        for (int n : LENGTHS) {
            var x = spread(r, n + 3);
            var t = new float[n + 2];
            var s = new float[n + 2];
            Activations.tanh(x, 3, t, 2, n);
            Activations.sigmoid(x, 3, s, 2, n);
            for (int i = 0; i < n; i++) {
                double v = x[3 + i];
                double wantT = Math.tanh(v);
                double wantS = 1 / (1 + Math.exp(-v));
                assertThat((double) t[2 + i]).as("tanh(%s), n %d", v, n).isCloseTo(wantT, within(2 * Math.ulp((float) wantT) + 1e-45));
                assertThat((double) s[2 + i]).as("sigmoid(%s), n %d", v, n).isCloseTo(wantS, within(2 * Math.ulp((float) wantS) + 1e-45));
            }
            assertThat(t[0]).isZero();
            assertThat(s[1]).isZero();
        }
    }

    @Test
    void specialValuesSaturateAndKeepNaN() {
        int n = 2 * VectorSupport.lanes();
        var x = new float[n];
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 100f, -100f, 1e-30f, -0f, 0f};
        for (int i = 0; i < n; i++) {
            x[i] = special[i % special.length];
        }
        var t = x.clone();
        var s = x.clone();
        Activations.tanh(t, 0, t, 0, n);
        Activations.sigmoid(s, 0, s, 0, n);
        for (int i = 0; i < n; i++) {
            float v = x[i];
            if (Float.isNaN(v)) {
                assertThat(t[i]).isNaN();
                assertThat(s[i]).isNaN();
            } else {
                assertThat(t[i]).as("tanh(%s)", v).isCloseTo((float) Math.tanh(v), within(1e-37f));
                assertThat(s[i]).as("sigmoid(%s)", v).isCloseTo((float) (1 / (1 + Math.exp(-v))), within(1e-37f));
            }
        }
    }

    @Test
    void gelusMatchTheirDoubleFormulas() {
        var r = new Random(8);
        for (int n : LENGTHS) {
            var x = spread(r, n);
            var exact = new float[n];
            var tanh = new float[n];
            int cut = n / 3; // two pieces, the second starting off the vector grid
            Activations.gelu(x, exact, 0, cut);
            Activations.gelu(x, exact, cut, n);
            Activations.geluTanh(x, tanh, 0, cut);
            Activations.geluTanh(x, tanh, cut, n);
            for (int i = 0; i < n; i++) {
                double v = x[i];
                double wantExact = 0.5 * v * (1 + erf(v / Math.sqrt(2)));
                double wantTanh = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
                assertThat((double) exact[i]).as("gelu(%s)", v).isCloseTo(wantExact, within(1e-6 * Math.abs(wantExact) + 1e-7));
                assertThat((double) tanh[i]).as("gelu_tanh(%s)", v).isCloseTo(wantTanh, within(1e-6 * Math.abs(wantTanh) + 1e-7));
            }
        }
    }

    /// erf by its Taylor series below 3 and its asymptotic complement above: plenty for a 1e-6 check.
    private static double erf(double x) {
        double a = Math.abs(x);
        if (a > 6) {
            return Math.signum(x);
        }
        if (a < 3) {
            double term = a;
            double sum = a;
            for (int k = 1; k < 200; k++) {
                term *= -a * a / k;
                sum += term / (2 * k + 1);
            }
            return Math.signum(x) * 2 / Math.sqrt(Math.PI) * sum;
        }
        double c = 1;
        double term = 1;
        for (int k = 1; k < 8; k++) {
            term *= -(2 * k - 1) / (2 * a * a);
            c += term;
        }
        return Math.signum(x) * (1 - Math.exp(-a * a) / (a * Math.sqrt(Math.PI)) * c);
    }
}
