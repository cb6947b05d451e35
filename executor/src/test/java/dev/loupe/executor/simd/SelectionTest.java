package dev.loupe.executor.simd;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/// The vector `Where` row against the scalar rule for every step pattern and lengths with every tail.
class SelectionTest {

    @Test
    void selectMatchesTheScalarRuleForEveryStepPattern() {
        var r = new Random(9);
        int lanes = VectorSupport.lanes();
        for (int n : new int[] {0, 1, lanes - 1, lanes, lanes + 3, 4 * lanes + 7}) {
            var c = new byte[n + 3];
            for (int i = 0; i < c.length; i++) {
                c[i] = (byte) (r.nextInt(3) == 0 ? 0 : 1 << r.nextInt(8)); // any set bit counts as true
            }
            var a = SgemmTest.random(r, n + 2);
            var b = SgemmTest.random(r, n + 1);
            a[1] = Float.NaN;
            for (int cs = 0; cs <= 1; cs++) {
                for (int as = 0; as <= 1; as++) {
                    for (int bs = 0; bs <= 1; bs++) {
                        var o = new float[n + 4];
                        Selection.select(c, 3 - 3 * cs, cs, a, 1, as, b, 1, bs, o, 4, n);
                        for (int k = 0; k < n; k++) {
                            float want = c[3 - 3 * cs + k * cs] != 0 ? a[1 + k * as] : b[1 + k * bs];
                            assertThat(Float.floatToIntBits(o[4 + k])).as("n %d steps %d %d %d at %d", n, cs, as, bs, k)
                                    .isEqualTo(Float.floatToIntBits(want));
                        }
                        assertThat(o[3]).isZero();
                    }
                }
            }
        }
    }
}
