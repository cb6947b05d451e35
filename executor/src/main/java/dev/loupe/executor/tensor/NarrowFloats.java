package dev.loupe.executor.tensor;

/// Encoding of `float` values into the narrow float formats that are stored as 16-bit patterns.
/// (Decoding is [dev.loupe.model.FloatFormats].)
public final class NarrowFloats {

    private NarrowFloats() {
    }

    /// Round to nearest even; NaN stays a quiet NaN.
    public static short toBfloat16(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }
}
