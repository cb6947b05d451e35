package dev.loupe.executor.compare;

import dev.loupe.executor.tensor.NarrowFloats;
import dev.loupe.model.ElementType;

/// Distances in units in the last place: each value is mapped onto an integer line on which neighbouring
/// representable values are one apart (both zeros share a point, infinities sit just past the largest
/// finite values).
final class Ulps {

    private Ulps() {
    }

    /// Whether [#distance] measures values of this type.
    static boolean measures(ElementType type) {
        return switch (type) {
            case FLOAT, DOUBLE, FLOAT16, BFLOAT16 -> true;
            default -> false;
        };
    }

    /// ULPs of `type` between `actual` (a value of that type) and `reference` rounded to that type;
    /// `Long.MAX_VALUE` when the distance does not fit, -1 when either is NaN.
    static long distance(ElementType type, double actual, double reference) {
        if (Double.isNaN(actual) || Double.isNaN(reference)) {
            return -1;
        }
        return switch (type) {
            case DOUBLE -> saturatingDistance(ordered(Double.doubleToLongBits(actual)), ordered(Double.doubleToLongBits(reference)));
            case FLOAT -> floatDistance((float) actual, (float) reference);
            case FLOAT16 -> Math.abs(ordered16(Float.floatToFloat16((float) actual)) - ordered16(Float.floatToFloat16((float) reference)));
            case BFLOAT16 -> Math.abs(ordered16(NarrowFloats.toBfloat16((float) actual)) - ordered16(NarrowFloats.toBfloat16((float) reference)));
            default -> throw new IllegalArgumentException("no ULP distance for " + type.onnxName());
        };
    }

    /// ULPs of float between two floats; -1 when either is NaN.
    static long floatDistance(float a, float b) {
        if (a != a || b != b) {
            return -1;
        }
        return Math.abs(ordered(Float.floatToRawIntBits(a)) - ordered(Float.floatToRawIntBits(b)));
    }

    /// `difference` in units of the float ULP at `at` (signed, fractional).
    static double inFloatUlps(double difference, double at) {
        return difference / Math.ulp((float) at);
    }

    private static long ordered(int bits) {
        return bits < 0 ? -(long) (bits & 0x7FFFFFFF) : bits;
    }

    private static long ordered(long bits) {
        return bits < 0 ? -(bits & 0x7FFFFFFFFFFFFFFFL) : bits;
    }

    private static long ordered16(short bits) {
        int b = Short.toUnsignedInt(bits);
        return (b & 0x8000) != 0 ? -(long) (b & 0x7FFF) : b;
    }

    private static long saturatingDistance(long a, long b) {
        long d = a - b;
        boolean overflow = ((a ^ b) & (a ^ d)) < 0;
        return overflow ? Long.MAX_VALUE : Math.abs(d);
    }
}
