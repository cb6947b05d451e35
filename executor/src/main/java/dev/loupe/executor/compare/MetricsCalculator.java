package dev.loupe.executor.compare;

import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.testdata.Tolerance;
import dev.loupe.model.ElementType;

import java.util.BitSet;

/// The element loop behind [Metrics]: one pass over a pair of tensors of the same shape whose types
/// [Discrepancy#of] has found comparable. Numbers are compared as doubles; 64-bit integers are also
/// compared as stored, so that values above 2^53 that differ are never taken as equal.
final class MetricsCalculator {

    private static final double REL_FLOOR_MIN = 1e-12;

    private MetricsCalculator() {
    }

    static Metrics measure(Tensor actual, Tensor reference, Tolerance tol) {
        if (actual.type() == ElementType.STRING) {
            return strings(actual, reference, tol);
        }
        if (isExact(actual.type())) {
            return integers(actual, reference, tol);
        }
        return numbers(actual, reference, Values.of(actual), Values.of(reference), tol);
    }

    /// The flat indices (parts, for complex) of the elements outside the tolerance.
    static BitSet failing(Tensor actual, Tensor reference, Tolerance tol) {
        var out = new BitSet();
        if (actual.type() == ElementType.STRING) {
            var a = actual.strings();
            var b = reference.strings();
            for (int i = 0; i < a.length; i++) {
                out.set(i, !a[i].equals(b[i]));
            }
            return out;
        }
        boolean exact = isExact(actual.type());
        var a = Values.of(actual);
        var b = Values.of(reference);
        for (int i = 0; i < a.length(); i++) {
            out.set(i, exact ? actual.getLong(i) != reference.getLong(i) : !withinTolerance(a.at(i), b.at(i), tol));
        }
        return out;
    }

    /// The pass over floating-point values, on local variables; divisions happen only when a maximum may
    /// change.
    private static Metrics numbers(Tensor actual, Tensor reference, Values a, Values b, Tolerance tol) {
        double atol = tol.atol();
        double rtol = tol.rtol();
        double floor = Math.max(atol, REL_FLOOR_MIN);
        boolean ulps = Ulps.measures(actual.type());
        boolean floatUlps = actual.type() == ElementType.FLOAT;
        long aNaN = 0, aInf = 0, bNaN = 0, bInf = 0, mismatches = 0, finite = 0;
        double maxAbs = 0, maxRel = 0, sumAbs = 0, dot = 0, aa = 0, bb = 0, noise = 0;
        long maxUlps = ulps ? 0 : -1, maxUlpsAt = -1;
        int worst = -1;
        double worstRatio = -1;
        int n = a.length();
        for (int i = 0; i < n; i++) {
            double x = a.at(i);
            double y = b.at(i);
            if (Double.isFinite(x) && Double.isFinite(y)) {
                double err = Math.abs(x - y);
                finite++;
                maxAbs = Math.max(maxAbs, err);
                double den = Math.max(Math.abs(y), floor);
                if (err > maxRel * den) {
                    maxRel = err / den;
                }
                sumAbs += err;
                dot += x * y;
                aa += x * x;
                bb += y * y;
                noise += err * err;
                double allowed = atol + rtol * Math.abs(y);
                if (err > allowed) {
                    mismatches++;
                }
                if (worst < 0 || err > worstRatio * allowed) {
                    double ratio = allowed == 0 ? (err == 0 ? 0 : Double.POSITIVE_INFINITY) : err / allowed;
                    if (ratio > worstRatio) {
                        worstRatio = ratio;
                        worst = i;
                    }
                }
            } else {
                aNaN += Double.isNaN(x) ? 1 : 0;
                aInf += Double.isInfinite(x) ? 1 : 0;
                bNaN += Double.isNaN(y) ? 1 : 0;
                bInf += Double.isInfinite(y) ? 1 : 0;
                boolean match = x == y || (Double.isNaN(x) && Double.isNaN(y));
                mismatches += match ? 0 : 1;
                double ratio = match ? 0 : Double.POSITIVE_INFINITY;
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worst = i;
                }
            }
            if (ulps) {
                long d = floatUlps ? Ulps.floatDistance((float) x, (float) y) : Ulps.distance(actual.type(), x, y);
                if (d > maxUlps) {
                    maxUlps = d;
                    maxUlpsAt = i;
                }
            }
        }
        boolean any = finite > 0;
        return new Metrics(actual.type(), reference.type(), actual.shape(), n,
                any ? maxAbs : Double.NaN, any ? maxRel : Double.NaN, any ? sumAbs / finite : Double.NaN,
                any ? cosine(dot, aa, bb) : Double.NaN, any ? sqnr(bb, noise) : Double.NaN, maxUlps, maxUlpsAt,
                aNaN, aInf, bNaN, bInf, mismatches, worst, Math.max(worstRatio, 0),
                worst < 0 ? Double.NaN : a.at(worst), worst < 0 ? Double.NaN : b.at(worst), tol);
    }

    /// Integers and booleans: equal or not, compared as stored; errors as numbers.
    private static Metrics integers(Tensor actual, Tensor reference, Tolerance tol) {
        double floor = Math.max(tol.atol(), REL_FLOOR_MIN);
        int n = actual.size();
        long mismatches = 0;
        int worst = n == 0 ? -1 : 0;
        double maxAbs = 0, maxRel = 0, sumAbs = 0, dot = 0, aa = 0, bb = 0, noise = 0;
        for (int i = 0; i < n; i++) {
            double x = actual.getDouble(i);
            double y = reference.getDouble(i);
            double err = Math.abs(x - y);
            maxAbs = Math.max(maxAbs, err);
            maxRel = Math.max(maxRel, err / Math.max(Math.abs(y), floor));
            sumAbs += err;
            dot += x * y;
            aa += x * x;
            bb += y * y;
            noise += err * err;
            if (actual.getLong(i) != reference.getLong(i)) {
                worst = mismatches == 0 ? i : worst;
                mismatches++;
            }
        }
        boolean any = n > 0;
        double nan = Double.NaN;
        return new Metrics(actual.type(), reference.type(), actual.shape(), n, any ? maxAbs : nan, any ? maxRel : nan,
                any ? sumAbs / n : nan, any ? cosine(dot, aa, bb) : nan, any ? sqnr(bb, noise) : nan,
                -1, -1, 0, 0, 0, 0, mismatches, worst, mismatches == 0 ? 0 : Double.POSITIVE_INFINITY,
                worst < 0 ? nan : actual.getDouble(worst), worst < 0 ? nan : reference.getDouble(worst), tol);
    }

    private static Metrics strings(Tensor actual, Tensor reference, Tolerance tol) {
        var a = actual.strings();
        var b = reference.strings();
        long mismatches = 0;
        long worst = a.length == 0 ? -1 : 0;
        for (int i = 0; i < a.length; i++) {
            if (!a[i].equals(b[i])) {
                worst = mismatches == 0 ? i : worst;
                mismatches++;
            }
        }
        double nan = Double.NaN;
        return new Metrics(actual.type(), reference.type(), actual.shape(), a.length, nan, nan, nan, nan, nan, -1, -1,
                0, 0, 0, 0, mismatches, worst, mismatches == 0 ? 0 : Double.POSITIVE_INFINITY, nan, nan, tol);
    }

    private static boolean isExact(ElementType type) {
        return !type.isFloatingPoint() && type.kind() != ElementType.Kind.COMPLEX;
    }

    private static boolean withinTolerance(double x, double y, Tolerance tol) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Double.isNaN(x) && Double.isNaN(y);
        }
        if (Double.isInfinite(x) || Double.isInfinite(y)) {
            return x == y;
        }
        return Math.abs(x - y) <= tol.allowed(y);
    }

    private static double cosine(double dot, double aa, double bb) {
        if (aa == 0 || bb == 0) {
            return aa == bb ? 1 : 0;
        }
        return dot / (Math.sqrt(aa) * Math.sqrt(bb));
    }

    private static double sqnr(double signal, double noise) {
        if (noise == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return 10 * Math.log10(signal / noise);
    }

    /// The elements of a tensor read as doubles (complex: interleaved parts), without copying float and
    /// double storage.
    private sealed interface Values {
        double at(int i);

        int length();

        static Values of(Tensor t) {
            return switch (t.data()) {
                case float[] f -> new Floats(f);
                case double[] d -> new Doubles(d);
                default -> new Elements(t);
            };
        }
    }

    private record Floats(float[] v) implements Values {
        public double at(int i) {
            return v[i];
        }

        public int length() {
            return v.length;
        }
    }

    private record Doubles(double[] v) implements Values {
        public double at(int i) {
            return v[i];
        }

        public int length() {
            return v.length;
        }
    }

    private record Elements(Tensor t) implements Values {
        public double at(int i) {
            return t.getDouble(i);
        }

        public int length() {
            return t.size();
        }
    }
}
