package dev.loupe.model.infer;

import dev.loupe.model.ElementType;
import dev.loupe.model.TensorData;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/// Reads the values of small constant tensors for the rules (shapes, axes, pads, scales). Larger tensors
/// are never read: a shape argument has a handful of values.
final class Constants {

    /// The most values read from one tensor.
    static final int MAX_VALUES = 1024;

    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Constants() {
    }

    /// The values of an integer or boolean tensor, or `null` for other types and tensors too large to read.
    static long[] longs(TensorData t) {
        long count = t.elementCount();
        if (count < 0 || count > MAX_VALUES) {
            return null;
        }
        var type = t.elementType();
        if (!type.isInteger() && type != ElementType.BOOL || type.bitWidth() == 4) {
            return null;
        }
        var seg = t.bytes();
        var out = new long[(int) count];
        for (int i = 0; i < out.length; i++) {
            out[i] = read(seg, type, i);
        }
        return out;
    }

    private static long read(MemorySegment seg, ElementType type, long i) {
        return switch (type) {
            case INT64, UINT64 -> seg.get(I64, 8 * i);
            case INT32 -> seg.get(I32, 4 * i);
            case UINT32 -> Integer.toUnsignedLong(seg.get(I32, 4 * i));
            case INT16 -> seg.get(I16, 2 * i);
            case UINT16 -> Short.toUnsignedInt(seg.get(I16, 2 * i));
            case INT8 -> seg.get(ValueLayout.JAVA_BYTE, i);
            default -> Byte.toUnsignedInt(seg.get(ValueLayout.JAVA_BYTE, i));
        };
    }

    /// The values of a numeric tensor widened to `float`, or `null` for strings and large tensors.
    static float[] floats(TensorData t) {
        long count = t.elementCount();
        if (count < 0 || count > MAX_VALUES || t.elementType() == ElementType.STRING) {
            return null;
        }
        return t.toFloatArray();
    }
}
