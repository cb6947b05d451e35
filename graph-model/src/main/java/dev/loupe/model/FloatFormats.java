package dev.loupe.model;

/// Decoding of the narrow floating-point formats ONNX stores (float16, bfloat16, the float8 variants and
/// float4), bit for bit as the ONNX specification defines them. Arithmetic on them is done in `float`.
public final class FloatFormats {

    private FloatFormats() {
    }

    public static float fromFloat16(int bits) {
        return Float.float16ToFloat((short) bits);
    }

    public static float fromBfloat16(int bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /// Decodes one element stored in `bits` (the low 8 or 4 bits) of the given narrow float type.
    public static float decode(ElementType type, int bits) {
        return switch (type) {
            case FLOAT16 -> fromFloat16(bits);
            case BFLOAT16 -> fromBfloat16(bits);
            case FLOAT8E4M3FN -> decodeMinifloat(bits & 0xFF, 4, 3, 7, false, true);
            case FLOAT8E4M3FNUZ -> (bits & 0xFF) == 0x80 ? Float.NaN : decodeMinifloat(bits & 0xFF, 4, 3, 8, false, false);
            case FLOAT8E5M2 -> decodeMinifloat(bits & 0xFF, 5, 2, 15, true, false);
            case FLOAT8E5M2FNUZ -> (bits & 0xFF) == 0x80 ? Float.NaN : decodeMinifloat(bits & 0xFF, 5, 2, 16, false, false);
            case FLOAT8E8M0 -> (bits & 0xFF) == 0xFF ? Float.NaN : (float) Math.scalb(1.0, (bits & 0xFF) - 127);
            case FLOAT4E2M1 -> decodeMinifloat(bits & 0x0F, 2, 1, 1, false, false);
            default -> throw new IllegalArgumentException(type + " is not a narrow float type");
        };
    }

    /// Sign, `e` exponent bits, `m` mantissa bits. `ieeeSpecials`: an all-ones exponent means Inf/NaN;
    /// `allOnesNaN`: only the all-ones pattern (after the sign) is NaN, as in E4M3FN.
    private static float decodeMinifloat(int bits, int e, int m, int bias, boolean ieeeSpecials, boolean allOnesNaN) {
        int sign = (bits >> (e + m)) & 1;
        int exp = (bits >> m) & ((1 << e) - 1);
        int mant = bits & ((1 << m) - 1);
        int maxExp = (1 << e) - 1;
        float value;
        if (ieeeSpecials && exp == maxExp) {
            value = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else if (allOnesNaN && exp == maxExp && mant == (1 << m) - 1) {
            value = Float.NaN;
        } else if (exp == 0) {
            value = (float) Math.scalb((double) mant / (1 << m), 1 - bias);
        } else {
            value = (float) Math.scalb(1.0 + (double) mant / (1 << m), exp - bias);
        }
        return sign == 1 ? -value : value;
    }
}
