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

    /// Every other element gets its addend, bit for bit as the scalar sum; the elements between (a `-0` among
    /// them) and those past the range are left exactly as they were, for ranges shorter and longer than a
    /// vector and ending at the array's last element.
    @Test
    void addToEveryOtherTouchesOnlyTheEvenElementsOfItsRange() {
        var r = new Random(5);
        for (int n : new int[] {1, 7, 16, 17, 33, 40}) {
            var x = SgemmTest.random(r, n + 2);
            for (int end : new int[] {2 * n - 1, 2 * n + 5}) {
                var o = SgemmTest.random(r, 3 + end);
                if (o.length > 4) {
                    o[4] = -0f;
                }
                var before = o.clone();
                VectorLoops.addToEveryOther(x, 2, o, 3, n);
                for (int i = 0; i < o.length; i++) {
                    int k = i - 3;
                    float want = k >= 0 && k % 2 == 0 && k / 2 < n ? before[i] + x[2 + k / 2] : before[i];
                    assertThat(Float.floatToIntBits(o[i])).as("n %d, element %d", n, i).isEqualTo(Float.floatToIntBits(want));
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
