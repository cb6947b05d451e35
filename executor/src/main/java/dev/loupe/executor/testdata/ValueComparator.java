package dev.loupe.executor.testdata;

import dev.loupe.executor.tensor.MapValue;
import dev.loupe.executor.tensor.OptionalValue;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.SequenceValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/// Compares an actual value with the expected one: same kind, same element type, same shape, then
/// element by element within a [Tolerance] for floating-point types and exactly for the others.
public final class ValueComparator {

    private ValueComparator() {
    }

    /// The first difference found, or empty when `actual` matches `expected`.
    ///
    /// @param where names the value in the mismatch, e.g. `output 'y'`
    public static Optional<Mismatch> compare(String where, RuntimeValue expected, RuntimeValue actual, Tolerance tolerance) {
        if (expected == null || actual == null) {
            return expected == actual ? Optional.empty()
                    : Optional.of(new Mismatch(where, "expected " + describe(expected) + ", got " + describe(actual), Double.NaN, 0));
        }
        return switch (expected) {
            case Tensor e -> actual instanceof Tensor a ? tensors(where, e, a, tolerance) : kind(where, expected, actual);
            case SequenceValue e -> actual instanceof SequenceValue a ? sequences(where, e, a, tolerance) : kind(where, expected, actual);
            case OptionalValue e -> actual instanceof OptionalValue a
                    ? compare(where, e.value(), a.value(), tolerance) : kind(where, expected, actual);
            case MapValue e -> actual instanceof MapValue a ? maps(where, e, a, tolerance) : kind(where, expected, actual);
        };
    }

    private static Optional<Mismatch> kind(String where, RuntimeValue expected, RuntimeValue actual) {
        return Optional.of(new Mismatch(where, "expected " + expected.describe() + ", got " + actual.describe(), Double.NaN, 0));
    }

    private static String describe(RuntimeValue v) {
        return v == null ? "no value" : v.describe();
    }

    private static Optional<Mismatch> sequences(String where, SequenceValue e, SequenceValue a, Tolerance tol) {
        if (e.elements().size() != a.elements().size()) {
            return Optional.of(new Mismatch(where, "expected a sequence of " + e.elements().size() + ", got "
                    + a.elements().size(), Double.NaN, 0));
        }
        for (int i = 0; i < e.elements().size(); i++) {
            var m = compare(where + "[" + i + "]", e.elements().get(i), a.elements().get(i), tol);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    private static Optional<Mismatch> maps(String where, MapValue e, MapValue a, Tolerance tol) {
        var keys = tensors(where + " keys", e.keys(), a.keys(), tol);
        if (keys.isPresent()) {
            return keys;
        }
        return sequences(where + " values", new SequenceValue(e.values(), null), new SequenceValue(a.values(), null), tol);
    }

    private static Optional<Mismatch> tensors(String where, Tensor e, Tensor a, Tolerance tol) {
        if (e.type() != a.type()) {
            return Optional.of(new Mismatch(where, "expected element type " + e.type().onnxName() + ", got "
                    + a.type().onnxName() + " (" + a.describe() + ")", Double.NaN, 0));
        }
        if (!Arrays.equals(e.shape(), a.shape())) {
            return Optional.of(new Mismatch(where, "expected shape " + Arrays.toString(e.shape()) + ", got "
                    + Arrays.toString(a.shape()), Double.NaN, 0));
        }
        if (e.type() == ElementType.STRING) {
            return strings(where, e, a);
        }
        if (e.type().isFloatingPoint()) {
            return floats(where, e, a, tol);
        }
        if (e.type().kind() == ElementType.Kind.COMPLEX) {
            return complex(where, e, a, tol);
        }
        return exact(where, e, a);
    }

    private static Optional<Mismatch> strings(String where, Tensor e, Tensor a) {
        var es = e.strings();
        var as = a.strings();
        long differing = 0;
        int first = -1;
        for (int i = 0; i < es.length; i++) {
            if (!es[i].equals(as[i])) {
                differing++;
                first = first < 0 ? i : first;
            }
        }
        return differing == 0 ? Optional.empty() : Optional.of(new Mismatch(where + " " + index(e.shape(), first),
                "expected \"" + es[first] + "\", got \"" + as[first] + "\"", Double.NaN, differing));
    }

    private static Optional<Mismatch> exact(String where, Tensor e, Tensor a) {
        long differing = 0;
        int worst = -1;
        double worstError = -1;
        for (int i = 0; i < e.size(); i++) {
            long ev = e.getLong(i);
            long av = a.getLong(i);
            if (ev != av) {
                differing++;
                double err = Math.abs((double) ev - (double) av);
                if (err > worstError) {
                    worstError = err;
                    worst = i;
                }
            }
        }
        return differing == 0 ? Optional.empty() : Optional.of(new Mismatch(where + " " + index(e.shape(), worst),
                "expected " + e.getLong(worst) + ", got " + a.getLong(worst), worstError, differing));
    }

    private static Optional<Mismatch> floats(String where, Tensor e, Tensor a, Tolerance tol) {
        long differing = 0;
        int worst = -1;
        double worstRatio = -1;
        for (int i = 0; i < e.size(); i++) {
            double ratio = excess(e.getDouble(i), a.getDouble(i), tol);
            if (ratio > 1) {
                differing++;
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worst = i;
                }
            }
        }
        if (differing == 0) {
            return Optional.empty();
        }
        double ev = e.getDouble(worst);
        double av = a.getDouble(worst);
        double err = Math.abs(av - ev);
        return Optional.of(new Mismatch(where + " " + index(e.shape(), worst), String.format(Locale.ROOT,
                "expected %.9g, got %.9g (error %.3g, allowed %.3g)", ev, av, err, tol.allowed(ev)), err, differing));
    }

    private static Optional<Mismatch> complex(String where, Tensor e, Tensor a, Tolerance tol) {
        double[] ev = parts(e);
        double[] av = parts(a);
        long differing = 0;
        int worst = -1;
        double worstRatio = -1;
        for (int i = 0; i < ev.length; i++) {
            double ratio = excess(ev[i], av[i], tol);
            if (ratio > 1) {
                differing++;
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worst = i;
                }
            }
        }
        return differing == 0 ? Optional.empty() : Optional.of(new Mismatch(where + " " + index(e.shape(), worst / 2)
                + (worst % 2 == 0 ? " (real)" : " (imaginary)"), String.format(Locale.ROOT, "expected %.9g, got %.9g",
                ev[worst], av[worst]), Math.abs(ev[worst] - av[worst]), differing));
    }

    private static double[] parts(Tensor t) {
        return switch (t.data()) {
            case float[] f -> {
                var d = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    d[i] = f[i];
                }
                yield d;
            }
            case double[] d -> d;
            default -> throw new IllegalStateException("unexpected complex storage");
        };
    }

    /// How far outside the tolerance `actual` is: at most 1 when it matches, infinite when a NaN or an
    /// infinity does not match.
    private static double excess(double expected, double actual, Tolerance tol) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual) ? 0 : Double.POSITIVE_INFINITY;
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return expected == actual ? 0 : Double.POSITIVE_INFINITY;
        }
        double allowed = tol.allowed(expected);
        double err = Math.abs(actual - expected);
        if (allowed == 0) {
            return err == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return err / allowed;
    }

    /// The multi-index of flat position `flat` in `shape`, e.g. `[0,2,1]`.
    static String index(long[] shape, int flat) {
        var idx = new long[shape.length];
        long rest = flat;
        for (int k = shape.length - 1; k >= 0; k--) {
            idx[k] = shape[k] == 0 ? 0 : rest % shape[k];
            rest = shape[k] == 0 ? 0 : rest / shape[k];
        }
        return Arrays.toString(idx).replace(" ", "");
    }
}
