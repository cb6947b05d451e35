package dev.loupe.model.infer;

import dev.loupe.model.Dim;
import java.util.List;

/// Arithmetic on dimensions: exact on known sizes, identity-preserving on symbols (`n * 1` is `n`),
/// unknown otherwise. Results carry no denotation.
final class Dims {

    static final Dim UNKNOWN = Dim.unknown();
    static final Dim ONE = Dim.of(1);

    private Dims() {
    }

    static boolean isKnown(Dim d) {
        return d instanceof Dim.Known;
    }

    /// The size of a known dimension, else -1.
    static long value(Dim d) {
        return d instanceof Dim.Known(long v, String ignored) ? v : -1;
    }

    static boolean is(Dim d, long size) {
        return d instanceof Dim.Known(long v, String ignored) && v == size;
    }

    static Dim add(Dim a, Dim b) {
        if (is(b, 0)) {
            return a;
        }
        if (is(a, 0)) {
            return b;
        }
        return isKnown(a) && isKnown(b) ? Dim.of(value(a) + value(b)) : UNKNOWN;
    }

    static Dim sub(Dim a, Dim b) {
        if (is(b, 0)) {
            return a;
        }
        if (a.equals(b) && a instanceof Dim.Symbolic) {
            return Dim.of(0);
        }
        return isKnown(a) && isKnown(b) ? Dim.of(value(a) - value(b)) : UNKNOWN;
    }

    static Dim mul(Dim a, Dim b) {
        if (is(b, 1)) {
            return a;
        }
        if (is(a, 1)) {
            return b;
        }
        if (is(a, 0) || is(b, 0)) {
            return Dim.of(0);
        }
        return isKnown(a) && isKnown(b) ? Dim.of(value(a) * value(b)) : UNKNOWN;
    }

    /// `a / b` rounded towards negative infinity; unknown when `b` is 0 or not known.
    static Dim floorDiv(Dim a, Dim b) {
        if (is(b, 1)) {
            return a;
        }
        if (a instanceof Dim.Symbolic && a.equals(b)) {
            return ONE;
        }
        return isKnown(a) && isKnown(b) && value(b) != 0 ? Dim.of(Math.floorDiv(value(a), value(b))) : UNKNOWN;
    }

    /// `a / b` rounded towards positive infinity; unknown when `b` is 0 or not known.
    static Dim ceilDiv(Dim a, Dim b) {
        if (is(b, 1)) {
            return a;
        }
        return isKnown(a) && isKnown(b) && value(b) != 0 ? Dim.of(-Math.floorDiv(-value(a), value(b))) : UNKNOWN;
    }

    /// The product of `dims`, known only when all are (or a factor is 0).
    static Dim product(List<Dim> dims) {
        Dim p = ONE;
        for (var d : dims) {
            p = mul(p, d);
        }
        return p;
    }

    /// The one dimension two dimensions that must be equal can be: the more precise one; unknown when
    /// they are different known sizes or different symbols.
    static Dim unify(Dim a, Dim b) {
        if (a instanceof Dim.Unknown) {
            return b;
        }
        if (b instanceof Dim.Unknown || a.equals(b) || sameSize(a, b)) {
            return a;
        }
        if (isKnown(a) != isKnown(b)) {
            return isKnown(a) ? a : b;
        }
        return UNKNOWN;
    }

    /// Whether two dimensions are certainly equal in size (ignoring denotations).
    static boolean sameSize(Dim a, Dim b) {
        return switch (a) {
            case Dim.Known(long v, String ignored) -> b instanceof Dim.Known(long w, String ignored2) && v == w;
            case Dim.Symbolic(String n, String ignored) -> b instanceof Dim.Symbolic(String m, String ignored2) && n.equals(m);
            case Dim.Unknown ignored -> false;
        };
    }

    /// Whether two dimensions certainly differ (different known sizes).
    static boolean conflict(Dim a, Dim b) {
        return isKnown(a) && isKnown(b) && value(a) != value(b);
    }

    /// The dimension of both alternatives of a branch: kept where both agree, else unknown.
    static Dim union(Dim a, Dim b) {
        return sameSize(a, b) ? a : UNKNOWN;
    }
}
