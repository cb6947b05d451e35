package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.math.BigDecimal;
import java.util.Locale;

/// The element conversions of `Cast` and `CastLike`: between all numeric types (exactly between integer
/// types, through double otherwise), and between numbers and strings.
///
/// Numbers print the way NumPy prints them (shortest round-trip digits, positional between 1e-4 and 1e16,
/// `nan`, `inf`, `True`/`False`); strings parse as decimal or scientific numbers, with `NaN`, `INF`, `+INF`
/// and `-INF` recognised in any case.
final class Conversion {

    private Conversion() {
    }

    static Tensor convert(Tensor t, ElementType to, boolean saturate) {
        var from = t.type();
        if (from == to) {
            return t;
        }
        if (isComplex(from) || isComplex(to)) {
            throw new KernelException("cannot cast " + t.describe() + " to " + to.onnxName() + ": complex types are not castable");
        }
        var shape = t.shape();
        if (to == ElementType.STRING) {
            return toStrings(t);
        }
        if (from == ElementType.STRING) {
            return fromStrings(t.strings(), to, shape, saturate);
        }
        if (isIntegral(from) && isIntegral(to)) {
            return Numbers.fromLongs(to, shape, Numbers.toLongs(t));
        }
        return Numbers.fromDoubles(to, shape, Numbers.toDoubles(t), saturate);
    }

    private static boolean isIntegral(ElementType type) {
        return type.isInteger() || type == ElementType.BOOL;
    }

    private static boolean isComplex(ElementType type) {
        return type == ElementType.COMPLEX64 || type == ElementType.COMPLEX128;
    }

    private static Tensor toStrings(Tensor t) {
        int n = t.size();
        var out = new String[n];
        var type = t.type();
        if (type == ElementType.BOOL) {
            var a = t.bytes();
            for (int i = 0; i < n; i++) {
                out[i] = a[i] != 0 ? "True" : "False";
            }
        } else if (type == ElementType.UINT64) {
            var a = t.longs();
            for (int i = 0; i < n; i++) {
                out[i] = Long.toUnsignedString(a[i]);
            }
        } else if (type.isInteger()) {
            var a = Numbers.toLongs(t);
            for (int i = 0; i < n; i++) {
                out[i] = Long.toString(a[i]);
            }
        } else {
            var a = Numbers.toDoubles(t);
            boolean single = type != ElementType.DOUBLE;
            for (int i = 0; i < n; i++) {
                out[i] = format(a[i], single);
            }
        }
        return Tensor.of(ElementType.STRING, t.shape(), out);
    }

    /// `v` as NumPy prints a float32 (`single`) or float64 scalar.
    static String format(double v, boolean single) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return Double.doubleToRawLongBits(v) < 0 ? "-0.0" : "0.0";
        }
        var digits = new BigDecimal(single ? Float.toString((float) v) : Double.toString(v)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e16) {
            var plain = digits.toPlainString();
            return plain.indexOf('.') < 0 ? plain + ".0" : plain;
        }
        var unscaled = digits.unscaledValue().abs().toString();
        int exponent = unscaled.length() - 1 - digits.scale();
        var mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
        return (v < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }

    private static Tensor fromStrings(String[] s, ElementType to, long[] shape, boolean saturate) {
        int n = s.length;
        if (to.isInteger()) {
            var out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = parseLong(s[i], to);
            }
            return Numbers.fromLongs(to, shape, out);
        }
        var out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = parseDouble(s[i]);
        }
        return Numbers.fromDoubles(to, shape, out, saturate);
    }

    private static long parseLong(String s, ElementType to) {
        var text = s.strip();
        try {
            return to == ElementType.UINT64 && !text.startsWith("-") ? Long.parseUnsignedLong(text.replaceFirst("^\\+", ""))
                    : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return (long) parseDouble(text);
        }
    }

    static double parseDouble(String s) {
        var text = s.strip();
        switch (text.toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "true" -> {
                return 1;
            }
            case "false" -> {
                return 0;
            }
            default -> {
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new KernelException("cannot cast the string \"" + s + "\" to a number");
                }
            }
        }
    }
}
