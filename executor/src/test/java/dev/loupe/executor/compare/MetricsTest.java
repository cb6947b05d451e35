package dev.loupe.executor.compare;

import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.testdata.Tolerance;
import dev.loupe.model.ElementType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/// [Metrics] against values worked out by hand.
class MetricsTest {

    private static final Tolerance TOL = new Tolerance(1e-5, 1e-5);

    private static Metrics measure(Tensor actual, Tensor reference, Tolerance tol) {
        var d = Discrepancy.of(actual, reference, tol);
        assertThat(d).isInstanceOf(Discrepancy.Measured.class);
        return ((Discrepancy.Measured) d).metrics();
    }

    private static Tensor floats(float... v) {
        return Tensor.ofFloats(new long[] {v.length}, v);
    }

    @Test
    void floatErrorsMatchHandComputedValues() {
        // errors 0, 0.5, 0, 0.25 (all exactly representable)
        var m = measure(floats(1, 2, 3, 4), floats(1, 2.5f, 3, 3.75f), TOL);

        assertThat(m.maxAbsError()).isEqualTo(0.5);
        assertThat(m.meanAbsError()).isEqualTo(0.1875);
        assertThat(m.maxRelError()).isEqualTo(0.2);                        // 0.5 / 2.5
        assertThat(m.mismatches()).isEqualTo(2);
        assertThat(m.worstIndex()).isEqualTo(1);
        assertThat(m.worstRatio()).isCloseTo(0.5 / (1e-5 + 1e-5 * 2.5), within(1e-6));
        assertThat(m.worstActual()).isEqualTo(2.0);
        assertThat(m.worstReference()).isEqualTo(2.5);
        // dot 30, |a|^2 30, |b|^2 30.3125
        assertThat(m.cosineSimilarity()).isCloseTo(30 / Math.sqrt(30 * 30.3125), within(1e-15));
        // signal 30.3125, noise 0.25 + 0.0625
        assertThat(m.sqnrDb()).isCloseTo(10 * Math.log10(97), within(1e-12));
        // float spacing in [2, 4) is 2^-22: 0.5 is 2^21 ULPs, 0.25 is 2^20
        assertThat(m.maxUlps()).isEqualTo(1L << 21);
        assertThat(m.maxUlpsIndex()).isEqualTo(1);
        assertThat(m.passed()).isFalse();
        assertThat(m.worstPosition()).isEqualTo("[1]");
    }

    @Test
    void toleranceBoundaryIsInclusive() {
        var tol = new Tolerance(0.5, 0.25);
        // allowed = 0.25 + 0.5 * 2 = 1.25: 3.25 is exactly at the limit, 3.5 beyond it
        assertThat(measure(floats(3.25f), floats(2), tol).mismatches()).isZero();
        assertThat(measure(floats(3.5f), floats(2), tol).mismatches()).isEqualTo(1);
    }

    @Test
    void relativeErrorIsFlooredAtTheAbsoluteTolerance() {
        var m = measure(floats(1e-6f), floats(0), TOL);
        assertThat(m.maxRelError()).isCloseTo((double) 1e-6f / 1e-5, within(1e-12));
        assertThat(m.passed()).isTrue();
    }

    @Test
    void ulpDistancesCountRepresentableValues() {
        assertThat(measure(floats(Math.nextUp(1f)), floats(1), TOL).maxUlps()).isEqualTo(1);
        assertThat(measure(floats(-0f), floats(0f), TOL).maxUlps()).isZero();
        assertThat(measure(floats(-Float.MIN_VALUE), floats(Float.MIN_VALUE), TOL).maxUlps()).isEqualTo(2);
        var doubles = Tensor.of(ElementType.DOUBLE, new long[] {1}, new double[] {Math.nextDown(1.0)});
        var one = Tensor.of(ElementType.DOUBLE, new long[] {1}, new double[] {1.0});
        assertThat(measure(doubles, one, TOL).maxUlps()).isEqualTo(1);
    }

    @Test
    void floatIsMeasuredInItsOwnPrecisionAgainstADoubleReference() {
        var reference = Tensor.of(ElementType.DOUBLE, new long[] {1}, new double[] {0.1});
        var m = measure(floats(0.1f), reference, TOL);
        assertThat(m.maxUlps()).isZero();                                   // 0.1 rounds to 0.1f
        assertThat(m.maxAbsError()).isEqualTo(Math.abs((double) 0.1f - 0.1));
        assertThat(m.referenceType()).isEqualTo(ElementType.DOUBLE);
    }

    @Test
    void nanMatchesOnlyNanAndInfinityOnlyTheSameInfinity() {
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        var m = measure(floats(nan, 1, nan, inf, inf), floats(nan, nan, 1, inf, -inf), TOL);

        assertThat(m.mismatches()).isEqualTo(3);                           // slots 1, 2 and 4
        assertThat(m.actualNaN()).isEqualTo(2);
        assertThat(m.referenceNaN()).isEqualTo(2);
        assertThat(m.actualInf()).isEqualTo(2);
        assertThat(m.referenceInf()).isEqualTo(2);
        assertThat(m.worstIndex()).isEqualTo(1);
        assertThat(m.worstRatio()).isInfinite();
        assertThat(m.maxAbsError()).isNaN();                               // no finite pair
        assertThat(measure(floats(nan, 2), floats(nan, 2), TOL).passed()).isTrue();
    }

    @Test
    void integersAreExactWhateverTheTolerance() {
        var a = Tensor.ofLongs(new long[] {3}, 1, 5, 7);
        var b = Tensor.ofLongs(new long[] {3}, 1, 6, 7);
        var m = measure(a, b, new Tolerance(1, 10));
        assertThat(m.mismatches()).isEqualTo(1);
        assertThat(m.worstIndex()).isEqualTo(1);
        assertThat(m.maxAbsError()).isEqualTo(1);
        assertThat(m.maxUlps()).isEqualTo(-1);
        var big = Tensor.ofLongs(new long[] {1}, (1L << 53) + 1);
        var bigger = Tensor.ofLongs(new long[] {1}, 1L << 53);
        assertThat(measure(big, bigger, TOL).mismatches()).isEqualTo(1);   // equal as doubles, not as longs
    }

    @Test
    void booleansAndStringsCompareByEquality() {
        var t = Tensor.of(ElementType.BOOL, new long[] {3}, new byte[] {1, 0, 1});
        var u = Tensor.of(ElementType.BOOL, new long[] {3}, new byte[] {1, 1, 1});
        assertThat(measure(t, t, TOL).passed()).isTrue();
        assertThat(measure(t, u, TOL).worstIndex()).isEqualTo(1);

        var s = Tensor.of(ElementType.STRING, new long[] {2, 2}, new String[] {"a", "b", "c", "d"});
        var r = Tensor.of(ElementType.STRING, new long[] {2, 2}, new String[] {"a", "b", "x", "d"});
        var m = measure(s, r, TOL);
        assertThat(m.mismatches()).isEqualTo(1);
        assertThat(m.worstPosition()).isEqualTo("[1,0]");
        assertThat(m.maxAbsError()).isNaN();
    }

    @Test
    void shapeTypeAndKindDifferencesAreReportedNotThrown() {
        var shape = Discrepancy.of(floats(1, 2), Tensor.ofFloats(new long[] {1, 2}, 1, 2), TOL);
        assertThat(shape).isInstanceOfSatisfying(Discrepancy.Incomparable.class,
                i -> assertThat(i.reason()).isEqualTo(Discrepancy.Reason.SHAPE));
        var type = Discrepancy.of(floats(1), Tensor.ofLongs(new long[] {1}, 1), TOL);
        assertThat(type).isInstanceOfSatisfying(Discrepancy.Incomparable.class,
                i -> assertThat(i.reason()).isEqualTo(Discrepancy.Reason.TYPE));
        assertThat(type.exceeds()).isTrue();
        var missing = Discrepancy.of(floats(1), null, TOL);
        assertThat(missing).isInstanceOfSatisfying(Discrepancy.Incomparable.class,
                i -> assertThat(i.reason()).isEqualTo(Discrepancy.Reason.MISSING));
    }

    @Test
    void float16IsMeasuredInHalfPrecisionUlps() {
        var a = Tensor.of(ElementType.FLOAT16, new long[] {1}, new short[] {Float.floatToFloat16(1f)});
        var b = Tensor.of(ElementType.FLOAT16, new long[] {1}, new short[] {Float.floatToFloat16(1.001953125f)});
        var m = measure(a, b, TOL);
        assertThat(m.maxUlps()).isEqualTo(2);                               // half spacing at 1 is 2^-10
        assertThat(m.maxAbsError()).isEqualTo(0.001953125);
    }

    @Test
    void emptyTensorsPass() {
        var m = measure(floats(), floats(), TOL);
        assertThat(m.passed()).isTrue();
        assertThat(m.worstIndex()).isEqualTo(-1);
        assertThat(m.worstPosition()).isEqualTo("-");
    }
}
