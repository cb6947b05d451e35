package dev.loupe.model;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/// A constant tensor in a model: an initializer, a `Constant` node's value or a tensor attribute.
///
/// Values are not copied when the model is read: [#bytes()] is a view of the file's mapping where the file
/// stores them raw or externally. Instances are immutable; an edit replaces the whole tensor. Safe to read
/// from several threads.
public final class TensorData {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final String name;
    private final ElementType elementType;
    private final long[] dims;
    private final TensorStorage storage;
    private final String docString;
    private final List<StringEntry> metadataProps;
    private final Opaque extras;
    private volatile MemorySegment rawView;

    /// @throws IllegalArgumentException when the stored values do not match the declared type and shape
    public TensorData(String name, ElementType elementType, long[] dims, TensorStorage storage,
                      String docString, List<StringEntry> metadataProps, Opaque extras) {
        this.name = name;
        this.elementType = elementType;
        this.dims = dims.clone();
        this.storage = storage;
        this.docString = docString;
        this.metadataProps = List.copyOf(metadataProps);
        this.extras = extras;
        checkSize();
    }

    /// A tensor from raw little-endian bytes.
    public static TensorData ofRaw(String name, ElementType type, long[] dims, MemorySegment bytes) {
        return new TensorData(name, type, dims, new TensorStorage.Raw(bytes), null, List.of(), Opaque.NONE);
    }

    public static TensorData ofFloats(String name, long[] dims, float... values) {
        var seg = MemorySegment.ofArray(new byte[values.length * 4]);
        MemorySegment.copy(values, 0, seg, F32, 0, values.length);
        return ofRaw(name, ElementType.FLOAT, dims, seg);
    }

    public static TensorData ofLongs(String name, long[] dims, long... values) {
        var seg = MemorySegment.ofArray(new byte[values.length * 8]);
        MemorySegment.copy(values, 0, seg, I64, 0, values.length);
        return ofRaw(name, ElementType.INT64, dims, seg);
    }

    public static TensorData ofStrings(String name, long[] dims, List<byte[]> values) {
        return new TensorData(name, ElementType.STRING, dims,
                new TensorStorage.Typed(TensorStorage.Field.STRING_DATA, List.copyOf(values)), null, List.of(), Opaque.NONE);
    }

    /// A copy with another name.
    public TensorData withName(String newName) {
        return new TensorData(newName, elementType, dims, storage, docString, metadataProps, extras);
    }

    /// A copy whose values are held by `newStorage` (for example moved to or from an external file).
    public TensorData withStorage(TensorStorage newStorage) {
        return new TensorData(name, elementType, dims, newStorage, docString, metadataProps, extras);
    }

    public String name() {
        return name;
    }

    public ElementType elementType() {
        return elementType;
    }

    public long[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public Shape shape() {
        return Shape.of(dims);
    }

    public TensorStorage storage() {
        return storage;
    }

    public String docString() {
        return docString;
    }

    public List<StringEntry> metadataProps() {
        return metadataProps;
    }

    public Opaque extras() {
        return extras;
    }

    /// Number of elements: the product of the dimensions (1 for a scalar).
    public long elementCount() {
        return elementCount(dims);
    }

    /// The product of `dims`, or -1 when a dimension is negative or the product overflows a `long`.
    public static long elementCount(long[] dims) {
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                return -1;
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return n;
    }

    /// Size in bytes of the values in the raw layout (complex types count both parts).
    public long byteSize() {
        return elementType.byteSize(elementCount());
    }

    /// The values in the raw little-endian layout of the format, read-only. Typed fields are converted once;
    /// raw and external values are returned as the views they already are.
    ///
    /// @throws UnsupportedOperationException for string tensors (see [#strings()])
    public MemorySegment bytes() {
        var view = rawView;
        if (view == null) {
            view = switch (storage) {
                case TensorStorage.Raw raw -> raw.bytes();
                case TensorStorage.External ext -> ext.bytes();
                case TensorStorage.Typed typed -> typedToRaw(typed).asReadOnly();
            };
            rawView = view;
        }
        return view.asReadOnly();
    }

    /// The values of a string tensor, each as the bytes the file holds (normally UTF-8).
    @SuppressWarnings("unchecked")
    public List<byte[]> strings() {
        if (elementType != ElementType.STRING) {
            throw new UnsupportedOperationException("tensor '" + name + "' holds " + elementType.onnxName() + ", not strings");
        }
        return storage instanceof TensorStorage.Typed(var field, var values) && field == TensorStorage.Field.STRING_DATA
                ? (List<byte[]>) values : List.of();
    }

    /// The values widened to `float`, for viewers and statistics; not meant for bulk numeric work.
    public float[] toFloatArray() {
        return TensorValues.toFloats(this);
    }

    private MemorySegment typedToRaw(TensorStorage.Typed typed) {
        var out = Arena.ofAuto().allocate(Math.max(1, byteSize())).asSlice(0, byteSize());
        int width = elementType.bitWidth();
        switch (typed.values()) {
            case float[] f -> MemorySegment.copy(f, 0, out, F32, 0, f.length);
            case double[] d -> MemorySegment.copy(d, 0, out, F64, 0, d.length);
            case long[] l when elementType == ElementType.UINT32 -> {
                for (int i = 0; i < l.length; i++) {
                    out.set(I32, 4L * i, (int) l[i]);
                }
            }
            case long[] l -> MemorySegment.copy(l, 0, out, I64, 0, l.length);
            case int[] v when width == 32 -> MemorySegment.copy(v, 0, out, I32, 0, v.length);
            case int[] v when width == 16 -> {
                for (int i = 0; i < v.length; i++) {
                    out.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 2L * i, (short) v[i]);
                }
            }
            case int[] v -> {
                // 8-bit types hold one element per value; 4-bit types hold two packed elements per value.
                for (int i = 0; i < v.length; i++) {
                    out.set(ValueLayout.JAVA_BYTE, i, (byte) v[i]);
                }
            }
            default -> { }
        }
        return out;
    }

    private void checkSize() {
        long count = elementCount();
        if (count < 0) {
            throw new IllegalArgumentException("tensor '" + name + "' has an invalid shape " + Arrays.toString(dims));
        }
        if (elementType == ElementType.UNDEFINED) {
            throw new IllegalArgumentException("tensor '" + name + "' has no element type");
        }
        if (elementType == ElementType.STRING) {
            if (!(storage instanceof TensorStorage.Typed(var field, var values))
                    || field != TensorStorage.Field.STRING_DATA || ((List<?>) values).size() != count) {
                throw new IllegalArgumentException("tensor '" + name + "' declares " + count
                        + " strings but holds " + (storage instanceof TensorStorage.Typed t && t.values() instanceof List<?> l ? l.size() : 0));
            }
            return;
        }
        long expectedBytes;
        try {
            expectedBytes = byteSize();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("tensor '" + name + "' declares " + count + " elements, too many to store");
        }
        long actual = switch (storage) {
            case TensorStorage.Raw raw -> raw.bytes().byteSize();
            case TensorStorage.External ext -> ext.bytes().byteSize();
            case TensorStorage.Typed typed -> typedByteSize(typed);
        };
        if (actual != expectedBytes) {
            throw new IllegalArgumentException("tensor '" + name + "' of type " + elementType.onnxName() + " and shape "
                    + Arrays.toString(dims) + " needs " + expectedBytes + " bytes but holds " + actual);
        }
    }

    private long typedByteSize(TensorStorage.Typed typed) {
        int n = switch (typed.values()) {
            case float[] f -> f.length;
            case int[] v -> v.length;
            case long[] v -> v.length;
            case double[] v -> v.length;
            default -> 0;
        };
        return switch (typed.field()) {
            case FLOAT_DATA -> elementType == ElementType.FLOAT || elementType == ElementType.COMPLEX64 ? 4L * n : -1;
            case DOUBLE_DATA -> elementType == ElementType.DOUBLE || elementType == ElementType.COMPLEX128 ? 8L * n : -1;
            case INT64_DATA -> elementType == ElementType.INT64 ? 8L * n : -1;
            case UINT64_DATA -> elementType == ElementType.UINT64 ? 8L * n : elementType == ElementType.UINT32 ? 4L * n : -1;
            case INT32_DATA -> switch (elementType.bitWidth()) {
                case 32 -> elementType == ElementType.INT32 ? 4L * n : -1;
                case 16 -> 2L * n;
                case 8, 4 -> n;
                default -> -1;
            };
            case STRING_DATA -> -1;
        };
    }

    /// All values as a fresh list of strings, for small string tensors in messages and views.
    public List<String> stringsAsText() {
        var out = new ArrayList<String>();
        for (var b : strings()) {
            out.add(new String(b, java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public String toString() {
        return "tensor '" + name + "' " + elementType.onnxName() + Arrays.toString(dims);
    }
}
