package dev.loupe.executor.tensor;

import dev.loupe.model.ElementType;
import dev.loupe.model.TensorData;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/// Copies between the model's constant tensors ([TensorData], raw little-endian layout with 4-bit types
/// packed two per byte) and the executor's [Tensor]s.
public final class TensorConversion {

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private TensorConversion() {
    }

    public static Tensor fromTensorData(TensorData t) {
        var type = t.elementType();
        var shape = t.dims();
        int n = Shapes.checkedSize(shape);
        if (type == ElementType.STRING) {
            var out = new String[n];
            var src = t.strings();
            for (int i = 0; i < n; i++) {
                out[i] = new String(src.get(i), StandardCharsets.UTF_8);
            }
            return Tensor.of(type, shape, out);
        }
        var seg = t.bytes();
        int len = Tensor.storageLength(type, n);
        Object data = switch (Tensor.storageKind(type)) {
            case FLOAT -> copy(seg, ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE), new float[len]);
            case DOUBLE -> copy(seg, ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(LE), new double[len]);
            case LONG -> copy(seg, ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LE), new long[len]);
            case INT -> copy(seg, ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE), new int[len]);
            case SHORT -> copy(seg, ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE), new short[len]);
            case BYTE -> type.bitWidth() == 4 ? unpackNibbles(seg, n, type == ElementType.INT4) : seg.toArray(ValueLayout.JAVA_BYTE);
            case STRING -> throw new IllegalStateException("unreachable");
        };
        return Tensor.of(type, shape, data);
    }

    public static TensorData toTensorData(Tensor t, String name) {
        var type = t.type();
        if (type == ElementType.STRING) {
            var list = java.util.Arrays.stream(t.strings()).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
            return TensorData.ofStrings(name, t.shape(), list);
        }
        MemorySegment seg = switch (t.data()) {
            case float[] f -> segment(f.length * 4L, s -> MemorySegment.copy(f, 0, s, ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE), 0, f.length));
            case double[] d -> segment(d.length * 8L, s -> MemorySegment.copy(d, 0, s, ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(LE), 0, d.length));
            case long[] l -> segment(l.length * 8L, s -> MemorySegment.copy(l, 0, s, ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LE), 0, l.length));
            case int[] v -> segment(v.length * 4L, s -> MemorySegment.copy(v, 0, s, ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE), 0, v.length));
            case short[] v -> segment(v.length * 2L, s -> MemorySegment.copy(v, 0, s, ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE), 0, v.length));
            case byte[] b when type.bitWidth() == 4 -> MemorySegment.ofArray(packNibbles(b));
            case byte[] b -> MemorySegment.ofArray(b.clone());
            default -> throw new IllegalStateException("unexpected storage for " + t.describe());
        };
        return TensorData.ofRaw(name, type, t.shape(), seg);
    }

    private static MemorySegment segment(long bytes, java.util.function.Consumer<MemorySegment> fill) {
        var s = MemorySegment.ofArray(new byte[Math.toIntExact(bytes)]);
        fill.accept(s);
        return s;
    }

    private static float[] copy(MemorySegment seg, ValueLayout.OfFloat layout, float[] out) {
        MemorySegment.copy(seg, layout, 0, out, 0, out.length);
        return out;
    }

    private static double[] copy(MemorySegment seg, ValueLayout.OfDouble layout, double[] out) {
        MemorySegment.copy(seg, layout, 0, out, 0, out.length);
        return out;
    }

    private static long[] copy(MemorySegment seg, ValueLayout.OfLong layout, long[] out) {
        MemorySegment.copy(seg, layout, 0, out, 0, out.length);
        return out;
    }

    private static int[] copy(MemorySegment seg, ValueLayout.OfInt layout, int[] out) {
        MemorySegment.copy(seg, layout, 0, out, 0, out.length);
        return out;
    }

    private static short[] copy(MemorySegment seg, ValueLayout.OfShort layout, short[] out) {
        MemorySegment.copy(seg, layout, 0, out, 0, out.length);
        return out;
    }

    /// One element per byte; signed 4-bit values are sign-extended.
    private static byte[] unpackNibbles(MemorySegment seg, int n, boolean signed) {
        var out = new byte[n];
        for (int i = 0; i < n; i++) {
            int b = seg.get(ValueLayout.JAVA_BYTE, i / 2);
            int nib = (i % 2 == 0 ? b : b >> 4) & 0x0F;
            out[i] = (byte) (signed ? (nib << 28) >> 28 : nib);
        }
        return out;
    }

    private static byte[] packNibbles(byte[] values) {
        var out = new byte[(values.length + 1) / 2];
        for (int i = 0; i < values.length; i++) {
            int nib = values[i] & 0x0F;
            out[i / 2] |= (byte) (i % 2 == 0 ? nib : nib << 4);
        }
        return out;
    }
}
