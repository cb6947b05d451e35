package dev.loupe.executor.simd;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class VectorLoopsTest {

    @Test
    void binaryRowsMatchScalarArithmeticForEveryStepPattern() {
        var r = new Random(4);
        int n = 53;
        var a = SgemmTest.random(r, n + 3);
        var b = SgemmTest.random(r, n + 3);
        b[5] = 0;
        for (var op : VectorLoops.Binary.values()) {
            for (int as = 0; as <= 1; as++) {
                for (int bs = 0; bs <= 1; bs++) {
                    var o = new float[n + 2];
                    VectorLoops.binary(op, a, 1, as, b, 2, bs, o, 2, n);
                    for (int i = 0; i < n; i++) {
                        float x = a[1 + i * as];
                        float y = b[2 + i * bs];
                        float want = switch (op) {
                            case ADD -> x + y;
                            case SUB -> x - y;
                            case MUL -> x * y;
                            case DIV -> x / y;
                        };
                        assertThat(o[2 + i]).as("%s steps %d %d at %d", op, as, bs, i).isEqualTo(want);
                    }
                    assertThat(o[0]).isZero();
                }
            }
        }
    }

    @Test
    void reluKeepsNaNAndNegativeZero() {
        var x = new float[37];
        for (int i = 0; i < x.length; i++) {
            x[i] = i - 18.5f;
        }
        x[3] = Float.NaN;
        x[20] = -0f;
        var o = new float[x.length];
        VectorLoops.relu(x, o);
        for (int i = 0; i < x.length; i++) {
            assertThat(Float.floatToIntBits(o[i])).isEqualTo(Float.floatToIntBits(x[i] < 0 ? 0f : x[i]));
        }
        assertThat(Float.isNaN(o[3])).isTrue();
        assertThat(Float.floatToIntBits(o[20])).isEqualTo(Float.floatToIntBits(-0f));
    }

    @Test
    void erfIsWithinOnePartInAMillionOfTheDoubleSeriesComputedInTwoPieces() {
        int n = 4001;
        var x = new float[n + 3];
        for (int i = 0; i < n; i++) {
            x[i] = -5f + 10f * i / (n - 1);
        }
        x[n] = Float.NaN;
        x[n + 1] = Float.POSITIVE_INFINITY;
        x[n + 2] = 1e-30f;
        var o = new float[x.length];
        VectorLoops.erf(x, o, 0, 1001);
        VectorLoops.erf(x, o, 1001, x.length); // a second piece starting off the vector grid
        for (int i = 0; i < n; i++) {
            double want = erf(x[i]);
            assertThat((double) o[i]).as("erf(%s)", x[i]).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-6 * Math.abs(want) + 1e-30));
            assertThat(VectorLoops.erf(x[i])).isCloseTo(o[i], org.assertj.core.data.Offset.offset(1e-6f * Math.abs(o[i])));
        }
        assertThat(Float.isNaN(o[n])).isTrue();
        assertThat(o[n + 1]).isEqualTo(1f);
        assertThat((double) o[n + 2]).isCloseTo(1.1283791670955126e-30, org.assertj.core.data.Offset.offset(1e-36));
    }

    /// The reference in double: the same positive series to full precision.
    private static double erf(double x) {
        double ax = Math.abs(x);
        if (ax >= 6) {
            return Math.signum(x);
        }
        double term = ax;
        double sum = ax;
        for (int k = 3; term > 1e-17 * sum; k += 2) {
            term *= 2 * ax * ax / k;
            sum += term;
        }
        double r = 2 / Math.sqrt(Math.PI) * Math.exp(-ax * ax) * sum;
        return x < 0 ? -r : r;
    }
}
