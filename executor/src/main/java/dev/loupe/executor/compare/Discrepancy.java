package dev.loupe.executor.compare;

import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.testdata.Tolerance;
import dev.loupe.model.ElementType;

import java.util.Arrays;
import java.util.Locale;

/// The outcome of comparing one actual value with its reference: measured [Metrics], a difference that
/// makes measuring impossible (shape, type, kind, a missing side), or no comparison at all (no reference
/// value, or a node that could not be re-run). Never thrown: every problem is a value of this type.
public sealed interface Discrepancy {

    /// Whether the comparison shows the actual value outside the tolerance: some element fails, or shape,
    /// type or kind differ. An [Unavailable] comparison exceeds nothing.
    boolean exceeds();

    /// How far outside the tolerance: [Metrics#worstRatio()] when measured, infinite for an
    /// [Incomparable] pair, -1 when [Unavailable]. Ranks nodes and outputs.
    double score();

    /// One line for tables and logs.
    String summary();

    /// Measured element by element.
    record Measured(Metrics metrics) implements Discrepancy {
        @Override
        public boolean exceeds() {
            return !metrics.passed();
        }

        @Override
        public double score() {
            return metrics.worstRatio();
        }

        @Override
        public String summary() {
            var m = metrics;
            if (m.actualType() == ElementType.STRING) {
                return m.mismatches() + "/" + m.count() + " strings differ";
            }
            return String.format(Locale.ROOT, "max abs %.3g, max rel %.3g, %d/%d outside%s", m.maxAbsError(), m.maxRelError(),
                    m.mismatches(), m.count(), m.mismatches() == 0 ? "" : ", worst at " + m.worstPosition());
        }
    }

    /// Why a pair cannot be measured.
    enum Reason { SHAPE, TYPE, KIND, MISSING }

    /// The two values cannot be compared element by element.
    ///
    /// @param actual    the actual value described, e.g. `float[2,3]` (`no value` when missing)
    /// @param reference the reference described likewise
    record Incomparable(Reason reason, String actual, String reference) implements Discrepancy {
        @Override
        public boolean exceeds() {
            return true;
        }

        @Override
        public double score() {
            return Double.POSITIVE_INFINITY;
        }

        @Override
        public String summary() {
            return reason.name().toLowerCase(Locale.ROOT) + " differs: " + actual + " vs reference " + reference;
        }
    }

    /// Nothing was compared.
    ///
    /// @param why for example `no reference value` or `the node runs subgraphs`
    record Unavailable(String why) implements Discrepancy {
        @Override
        public boolean exceeds() {
            return false;
        }

        @Override
        public double score() {
            return -1;
        }

        @Override
        public String summary() {
            return why;
        }
    }

    /// Compares `actual` with `reference`. Tensors of the same shape are measured when their element types
    /// are equal or both floating-point (a float result against a double reference is measured in the
    /// actual's precision). Values other than tensors are not measured.
    static Discrepancy of(RuntimeValue actual, RuntimeValue reference, Tolerance tol) {
        if (actual == null || reference == null) {
            return actual == reference ? new Unavailable("no value on either side")
                    : new Incomparable(Reason.MISSING, describe(actual), describe(reference));
        }
        if (!(actual instanceof Tensor a) || !(reference instanceof Tensor b)) {
            return actual.getClass() == reference.getClass() ? new Unavailable("only tensors are measured")
                    : new Incomparable(Reason.KIND, actual.describe(), reference.describe());
        }
        boolean comparableTypes = a.type() == b.type() || (a.type().isFloatingPoint() && b.type().isFloatingPoint());
        if (!comparableTypes) {
            return new Incomparable(Reason.TYPE, a.describe(), b.describe());
        }
        if (!Arrays.equals(a.shape(), b.shape())) {
            return new Incomparable(Reason.SHAPE, a.describe(), b.describe());
        }
        return new Measured(MetricsCalculator.measure(a, b, tol));
    }

    private static String describe(RuntimeValue v) {
        return v == null ? "no value" : v.describe();
    }
}
