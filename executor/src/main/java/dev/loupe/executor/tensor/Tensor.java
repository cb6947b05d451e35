package dev.loupe.executor.tensor;

import dev.loupe.model.ElementType;
import dev.loupe.model.FloatFormats;

import java.util.Arrays;

/// A dense, row-major tensor of one element type, backed by one primitive Java array:
///
/// | element type | array |
/// |---|---|
/// | float, complex64 (interleaved re, im) | `float[]` |
/// | double, complex128 (interleaved) | `double[]` |
/// | int64, uint64 | `long[]` |
/// | int32, uint32 | `int[]` |
/// | int16, uint16, float16, bfloat16 (bit patterns) | `short[]` |
/// | int8, uint8, bool, float8 variants (bit patterns), int4, uint4, float4e2m1 (one element per byte) | `byte[]` |
/// | string | `String[]` |
///
/// Narrow float types are stored as such and computed in `float` by kernels. Tensors are treated as
/// immutable once a kernel has returned them; a kernel writes only into tensors it allocated. At most
/// `Integer.MAX_VALUE - 8` elements.
public final class Tensor implements RuntimeValue {

    private final ElementType type;
    private final long[] shape;
    private final Object data;
    private final int size;

    private Tensor(ElementType type, long[] shape, Object data, int size) {
        this.type = type;
        this.shape = shape;
        this.data = data;
        this.size = size;
    }

    /// A tensor over an existing array, which must match the type (see the table above) and the shape's size.
    public static Tensor of(ElementType type, long[] shape, Object data) {
        int n = Shapes.checkedSize(shape);
        int expected = storageLength(type, n);
        int actual = java.lang.reflect.Array.getLength(data);
        if (data.getClass() != arrayClass(type) || actual != expected) {
            throw new IllegalArgumentException("storage " + data.getClass().getSimpleName() + "[" + actual + "] does not fit "
                    + type.onnxName() + Arrays.toString(shape));
        }
        return new Tensor(type, shape.clone(), data, n);
    }

    /// A zero-filled tensor (empty strings for string tensors), checked against the current [AllocationGuard].
    public static Tensor allocate(ElementType type, long... shape) {
        int n = Shapes.checkedSize(shape);
        AllocationGuard.check(type, shape);
        int len = storageLength(type, n);
        Object data = switch (storageKind(type)) {
            case FLOAT -> new float[len];
            case DOUBLE -> new double[len];
            case LONG -> new long[len];
            case INT -> new int[len];
            case SHORT -> new short[len];
            case BYTE -> new byte[len];
            case STRING -> {
                var s = new String[len];
                Arrays.fill(s, "");
                yield s;
            }
        };
        return new Tensor(type, shape.clone(), data, n);
    }

    public static Tensor ofFloats(long[] shape, float... values) {
        return of(ElementType.FLOAT, shape, values);
    }

    public static Tensor ofLongs(long[] shape, long... values) {
        return of(ElementType.INT64, shape, values);
    }

    public static Tensor scalar(float v) {
        return ofFloats(new long[0], v);
    }

    public static Tensor scalarLong(long v) {
        return ofLongs(new long[0], v);
    }

    public ElementType type() {
        return type;
    }

    /// A copy of the shape.
    public long[] shape() {
        return shape.clone();
    }

    public long dim(int axis) {
        return shape[axis];
    }

    public int rank() {
        return shape.length;
    }

    /// Number of elements.
    public int size() {
        return size;
    }

    /// The backing array; kernels read it and write only into tensors they allocated.
    public Object data() {
        return data;
    }

    public float[] floats() {
        return (float[]) expect(float[].class);
    }

    public double[] doubles() {
        return (double[]) expect(double[].class);
    }

    public long[] longs() {
        return (long[]) expect(long[].class);
    }

    public int[] ints() {
        return (int[]) expect(int[].class);
    }

    public short[] shorts() {
        return (short[]) expect(short[].class);
    }

    public byte[] bytes() {
        return (byte[]) expect(byte[].class);
    }

    public String[] strings() {
        return (String[]) expect(String[].class);
    }

    /// A tensor with the same data and a new shape of the same size (no copy).
    public Tensor reshape(long... newShape) {
        if (Shapes.checkedSize(newShape) != size) {
            throw new IllegalArgumentException("cannot reshape " + describe() + " to " + Arrays.toString(newShape));
        }
        return new Tensor(type, newShape.clone(), data, size);
    }

    /// Element `i` as a double (narrow floats decoded, unsigned integers as unsigned, bool as 0/1). For scalar
    /// code paths; bulk kernels use the arrays directly.
    public double getDouble(int i) {
        return switch (type) {
            case FLOAT -> ((float[]) data)[i];
            case DOUBLE -> ((double[]) data)[i];
            case INT64 -> ((long[]) data)[i];
            case UINT64 -> {
                long v = ((long[]) data)[i];
                yield v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
            }
            case INT32 -> ((int[]) data)[i];
            case UINT32 -> Integer.toUnsignedLong(((int[]) data)[i]);
            case INT16 -> ((short[]) data)[i];
            case UINT16 -> Short.toUnsignedInt(((short[]) data)[i]);
            case FLOAT16, BFLOAT16 -> FloatFormats.decode(type, Short.toUnsignedInt(((short[]) data)[i]));
            case INT8, INT4 -> ((byte[]) data)[i];
            case UINT8, UINT4, BOOL -> Byte.toUnsignedInt(((byte[]) data)[i]);
            case FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2, FLOAT8E5M2FNUZ, FLOAT8E8M0, FLOAT4E2M1 ->
                    FloatFormats.decode(type, Byte.toUnsignedInt(((byte[]) data)[i]));
            default -> throw new UnsupportedOperationException(type.onnxName() + " has no scalar numeric value");
        };
    }

    /// Element `i` as a long (floats truncated toward zero).
    public long getLong(int i) {
        return switch (type) {
            case INT64, UINT64 -> ((long[]) data)[i];
            case INT32 -> ((int[]) data)[i];
            case UINT32 -> Integer.toUnsignedLong(((int[]) data)[i]);
            case INT16 -> ((short[]) data)[i];
            case UINT16 -> Short.toUnsignedInt(((short[]) data)[i]);
            case INT8, INT4 -> ((byte[]) data)[i];
            case UINT8, UINT4, BOOL -> Byte.toUnsignedInt(((byte[]) data)[i]);
            default -> (long) getDouble(i);
        };
    }

    /// Stores `v` into element `i`, converting as a cast to this type would (round to nearest for narrow
    /// floats, truncation and wrap-around for integers, non-zero is true for bool). Only for tensors the
    /// caller allocated.
    public void setDouble(int i, double v) {
        switch (type) {
            case FLOAT -> ((float[]) data)[i] = (float) v;
            case DOUBLE -> ((double[]) data)[i] = v;
            case INT64, UINT64 -> ((long[]) data)[i] = (long) v;
            case INT32, UINT32 -> ((int[]) data)[i] = (int) (long) v;
            case INT16, UINT16 -> ((short[]) data)[i] = (short) (long) v;
            case INT8, UINT8, INT4, UINT4 -> ((byte[]) data)[i] = (byte) (long) v;
            case BOOL -> ((byte[]) data)[i] = (byte) (v != 0 ? 1 : 0);
            case FLOAT16 -> ((short[]) data)[i] = Float.floatToFloat16((float) v);
            case BFLOAT16 -> ((short[]) data)[i] = NarrowFloats.toBfloat16((float) v);
            default -> throw new UnsupportedOperationException("cannot store a number into " + type.onnxName()
                    + " here; convert with the Cast kernels");
        }
    }

    /// Stores integer `v` into element `i` without going through double (exact for 64-bit values).
    public void setLong(int i, long v) {
        switch (type) {
            case INT64, UINT64 -> ((long[]) data)[i] = v;
            case INT32, UINT32 -> ((int[]) data)[i] = (int) v;
            case INT16, UINT16 -> ((short[]) data)[i] = (short) v;
            case INT8, UINT8, INT4, UINT4 -> ((byte[]) data)[i] = (byte) v;
            case BOOL -> ((byte[]) data)[i] = (byte) (v != 0 ? 1 : 0);
            default -> setDouble(i, v);
        }
    }

    @Override
    public long byteSize() {
        return switch (storageKind(type)) {
            case FLOAT, INT -> 4L * storageLength(type, size);
            case DOUBLE, LONG -> 8L * storageLength(type, size);
            case SHORT -> 2L * size;
            case BYTE -> size;
            case STRING -> Arrays.stream((String[]) data).mapToLong(s -> 16 + 2L * s.length()).sum();
        };
    }

    @Override
    public String describe() {
        return describe(type, shape);
    }

    /// A tensor's type and shape as [#describe()] writes them, e.g. `float[1,64,56,56]`.
    public static String describe(ElementType type, long[] shape) {
        var text = new StringBuilder(type.onnxName()).append('[');
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ",").append(shape[i]);
        }
        return text.append(']').toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    private Object expect(Class<?> arrayClass) {
        if (data.getClass() != arrayClass) {
            throw new IllegalStateException("a " + describe() + " tensor is not stored as " + arrayClass.getSimpleName());
        }
        return data;
    }

    /// How a type is stored.
    enum StorageKind { FLOAT, DOUBLE, LONG, INT, SHORT, BYTE, STRING }

    static StorageKind storageKind(ElementType type) {
        return switch (type) {
            case FLOAT, COMPLEX64 -> StorageKind.FLOAT;
            case DOUBLE, COMPLEX128 -> StorageKind.DOUBLE;
            case INT64, UINT64 -> StorageKind.LONG;
            case INT32, UINT32 -> StorageKind.INT;
            case INT16, UINT16, FLOAT16, BFLOAT16 -> StorageKind.SHORT;
            case STRING -> StorageKind.STRING;
            case UNDEFINED -> throw new IllegalArgumentException("a tensor needs an element type");
            default -> StorageKind.BYTE;
        };
    }

    static int storageLength(ElementType type, int size) {
        return type == ElementType.COMPLEX64 || type == ElementType.COMPLEX128 ? Math.multiplyExact(size, 2) : size;
    }

    private static Class<?> arrayClass(ElementType type) {
        return switch (storageKind(type)) {
            case FLOAT -> float[].class;
            case DOUBLE -> double[].class;
            case LONG -> long[].class;
            case INT -> int[].class;
            case SHORT -> short[].class;
            case BYTE -> byte[].class;
            case STRING -> String[].class;
        };
    }
}
