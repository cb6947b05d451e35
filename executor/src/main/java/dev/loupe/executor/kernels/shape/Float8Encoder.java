package dev.loupe.executor.kernels.shape;

import dev.loupe.model.ElementType;

/// Encodes numbers into the 8-bit float formats, rounding to nearest even, with the overflow rules of the
/// `saturate` flag of `Cast`: when saturating, values beyond the largest finite value become it (and so do
/// infinities, except in the FNUZ formats, which have no infinity and give NaN); otherwise they become
/// infinity (E5M2) or NaN.
enum Float8Encoder {
    E4M3FN(3, 7, 448, 0x7F, false, true),
    E4M3FNUZ(3, 8, 240, 0x80, false, false),
    E5M2(2, 15, 57344, 0x7F, true, true),
    E5M2FNUZ(2, 16, 57344, 0x80, false, false);

    private final int mantissaBits;
    private final int bias;
    private final double maxFinite;
    private final int nan;
    private final boolean hasInfinity;
    private final boolean hasNegativeZero;

    Float8Encoder(int mantissaBits, int bias, double maxFinite, int nan, boolean hasInfinity, boolean hasNegativeZero) {
        this.mantissaBits = mantissaBits;
        this.bias = bias;
        this.maxFinite = maxFinite;
        this.nan = nan;
        this.hasInfinity = hasInfinity;
        this.hasNegativeZero = hasNegativeZero;
    }

    static Float8Encoder of(ElementType type) {
        return switch (type) {
            case FLOAT8E4M3FN -> E4M3FN;
            case FLOAT8E4M3FNUZ -> E4M3FNUZ;
            case FLOAT8E5M2 -> E5M2;
            case FLOAT8E5M2FNUZ -> E5M2FNUZ;
            default -> throw new IllegalArgumentException(type.onnxName() + " is not a supported 8-bit float type");
        };
    }

    /// The bit pattern of `v`.
    byte encode(double v, boolean saturate) {
        if (Double.isNaN(v)) {
            return (byte) nan;
        }
        int sign = (Double.doubleToRawLongBits(v) < 0 && hasNegativeZero) ? 0x80 : 0;
        double a = Math.abs(v);
        if (Double.isInfinite(a)) {
            if (!hasInfinity) {
                return (byte) (saturate && this != E4M3FNUZ && this != E5M2FNUZ ? sign | maxBits() : nan);
            }
            return (byte) (sign | (saturate ? maxBits() : infinityBits()));
        }
        int minExponent = 1 - bias;
        int bits;
        if (a < Math.scalb(1.0, minExponent)) {
            bits = (int) Math.rint(Math.scalb(a, mantissaBits - minExponent));
        } else {
            int e = Math.getExponent(a);
            long m = (long) Math.rint(Math.scalb(a, mantissaBits - e));
            if (m == 2L << mantissaBits) {
                m >>= 1;
                e++;
            }
            double rounded = Math.scalb((double) m, e - mantissaBits);
            if (rounded > maxFinite) {
                return (byte) (saturate ? sign | maxBits() : hasInfinity ? sign | infinityBits() : nan);
            }
            bits = ((e + bias) << mantissaBits) | (int) (m - (1L << mantissaBits));
        }
        if (bits == 0 && !hasNegativeZero) {
            return 0;
        }
        return (byte) (sign | bits);
    }

    private int maxBits() {
        int e = Math.getExponent(maxFinite);
        long m = (long) Math.scalb(maxFinite, mantissaBits - e);
        return ((e + bias) << mantissaBits) | (int) (m - (1L << mantissaBits));
    }

    private int infinityBits() {
        return 0x7F & ~((1 << mantissaBits) - 1);
    }
}
