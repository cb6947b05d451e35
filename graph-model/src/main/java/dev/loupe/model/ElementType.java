package dev.loupe.model;

import java.util.Optional;

/// Every element type an ONNX tensor can hold, with the code the file format uses for it.
///
/// `bitWidth` is the storage width of one element in the raw little-endian layout of a tensor (4 for the
/// 4-bit types, which pack two elements into a byte); strings have no fixed width and report 0.
public enum ElementType {
    UNDEFINED(0, 0, Kind.OTHER),
    FLOAT(1, 32, Kind.FLOAT),
    UINT8(2, 8, Kind.UNSIGNED),
    INT8(3, 8, Kind.SIGNED),
    UINT16(4, 16, Kind.UNSIGNED),
    INT16(5, 16, Kind.SIGNED),
    INT32(6, 32, Kind.SIGNED),
    INT64(7, 64, Kind.SIGNED),
    STRING(8, 0, Kind.OTHER),
    BOOL(9, 8, Kind.BOOL),
    FLOAT16(10, 16, Kind.FLOAT),
    DOUBLE(11, 64, Kind.FLOAT),
    UINT32(12, 32, Kind.UNSIGNED),
    UINT64(13, 64, Kind.UNSIGNED),
    COMPLEX64(14, 64, Kind.COMPLEX),
    COMPLEX128(15, 128, Kind.COMPLEX),
    BFLOAT16(16, 16, Kind.FLOAT),
    FLOAT8E4M3FN(17, 8, Kind.FLOAT),
    FLOAT8E4M3FNUZ(18, 8, Kind.FLOAT),
    FLOAT8E5M2(19, 8, Kind.FLOAT),
    FLOAT8E5M2FNUZ(20, 8, Kind.FLOAT),
    UINT4(21, 4, Kind.UNSIGNED),
    INT4(22, 4, Kind.SIGNED),
    FLOAT4E2M1(23, 4, Kind.FLOAT),
    FLOAT8E8M0(24, 8, Kind.FLOAT);

    /// Broad families of element types, for checks such as "any float".
    public enum Kind { FLOAT, SIGNED, UNSIGNED, BOOL, COMPLEX, OTHER }

    private static final ElementType[] BY_CODE = new ElementType[25];

    static {
        for (var t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final int bitWidth;
    private final Kind kind;

    ElementType(int code, int bitWidth, Kind kind) {
        this.code = code;
        this.bitWidth = bitWidth;
        this.kind = kind;
    }

    /// The `TensorProto.DataType` number of this type.
    public int code() {
        return code;
    }

    /// Storage bits per element in the raw layout; 0 for strings and `UNDEFINED`.
    public int bitWidth() {
        return bitWidth;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isFloatingPoint() {
        return kind == Kind.FLOAT;
    }

    public boolean isInteger() {
        return kind == Kind.SIGNED || kind == Kind.UNSIGNED;
    }

    /// Bytes needed to store `count` elements in the raw layout (4-bit types round up to whole bytes).
    ///
    /// @throws ArithmeticException when the size does not fit in a `long`
    public long byteSize(long count) {
        return bitWidth == 4 ? Math.addExact(count, 1) / 2 : Math.multiplyExact(count, bitWidth / 8);
    }

    /// The type with the given `TensorProto.DataType` number, if there is one.
    public static Optional<ElementType> fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }

    /// The ONNX spelling used in operator schemas, e.g. `tensor(float)` uses `float`.
    public String onnxName() {
        return switch (this) {
            case FLOAT8E4M3FN -> "float8e4m3fn";
            case FLOAT8E4M3FNUZ -> "float8e4m3fnuz";
            case FLOAT8E5M2 -> "float8e5m2";
            case FLOAT8E5M2FNUZ -> "float8e5m2fnuz";
            case FLOAT4E2M1 -> "float4e2m1";
            case FLOAT8E8M0 -> "float8e8m0";
            default -> name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
