package dev.loupe.model;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/// Reads a constant tensor's values as `float`s or `long`s for display, checks and shape inference.
/// Bulk numeric work belongs to the executor, which reads [TensorData#bytes()] directly.
final class TensorValues {

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private TensorValues() {
    }

    static float[] toFloats(TensorData t) {
        if (t.elementType() == ElementType.STRING) {
            throw new UnsupportedOperationException("tensor '" + t.name() + "' holds strings");
        }
        long count = t.elementType().kind() == ElementType.Kind.COMPLEX ? 2 * t.elementCount() : t.elementCount();
        if (count > Integer.MAX_VALUE - 8) {
            throw new UnsupportedOperationException("tensor '" + t.name() + "' is too large to copy");
        }
        var seg = t.bytes();
        var out = new float[(int) count];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) read(seg, t.elementType(), i);
        }
        return out;
    }

    /// Element `i` of a raw segment of `type`, widened to double.
    static double read(MemorySegment seg, ElementType type, long i) {
        return switch (type) {
            case FLOAT, COMPLEX64 -> seg.get(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE), 4 * i);
            case DOUBLE, COMPLEX128 -> seg.get(ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(LE), 8 * i);
            case INT8 -> seg.get(ValueLayout.JAVA_BYTE, i);
            case UINT8, BOOL -> Byte.toUnsignedInt(seg.get(ValueLayout.JAVA_BYTE, i));
            case INT16 -> seg.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE), 2 * i);
            case UINT16 -> Short.toUnsignedInt(seg.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE), 2 * i));
            case INT32 -> seg.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE), 4 * i);
            case UINT32 -> Integer.toUnsignedLong(seg.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE), 4 * i));
            case INT64 -> seg.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LE), 8 * i);
            case UINT64 -> unsignedToDouble(seg.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LE), 8 * i));
            case FLOAT16, BFLOAT16 -> FloatFormats.decode(type,
                    Short.toUnsignedInt(seg.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE), 2 * i)));
            case FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2, FLOAT8E5M2FNUZ, FLOAT8E8M0 ->
                    FloatFormats.decode(type, seg.get(ValueLayout.JAVA_BYTE, i));
            case INT4 -> (byte) (nibble(seg, i) << 4) >> 4;
            case UINT4 -> nibble(seg, i);
            case FLOAT4E2M1 -> FloatFormats.decode(type, nibble(seg, i));
            case STRING, UNDEFINED -> throw new UnsupportedOperationException(type + " has no numeric value");
        };
    }

    private static int nibble(MemorySegment seg, long i) {
        int b = seg.get(ValueLayout.JAVA_BYTE, i / 2);
        return (i % 2 == 0 ? b : b >> 4) & 0x0F;
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }
}
