package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.NarrowFloats;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import dev.loupe.model.FloatFormats;

/// Bulk conversion of numeric tensors to and from `double[]` and `long[]` working arrays, one flat loop per
/// storage type. Kernels that compute in double precision read their inputs with [#toDoubles] and wrap their
/// results with [#fromDoubles]; integer kernels that must stay exact for 64-bit values use the `long` pair.
public final class Numbers {

    private Numbers() {
    }

    /// The values of a numeric tensor as doubles (narrow floats decoded, unsigned integers as unsigned, bool as
    /// 0/1). For a double tensor this is the tensor's own array: callers must not write to the result.
    public static double[] toDoubles(Tensor t) {
        int n = t.size();
        var out = new double[n];
        switch (t.type()) {
            case DOUBLE -> {
                return t.doubles();
            }
            case FLOAT -> {
                var a = t.floats();
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
            case INT64 -> {
                var a = t.longs();
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
            case INT32 -> {
                var a = t.ints();
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
            case INT16 -> {
                var a = t.shorts();
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
            case INT8, INT4 -> {
                var a = t.bytes();
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
            case UINT8, UINT4, BOOL -> {
                var a = t.bytes();
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] & 0xFF;
                }
            }
            case UINT16 -> {
                var a = t.shorts();
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] & 0xFFFF;
                }
            }
            case UINT32 -> {
                var a = t.ints();
                for (int i = 0; i < n; i++) {
                    out[i] = Integer.toUnsignedLong(a[i]);
                }
            }
            case FLOAT16 -> {
                var a = t.shorts();
                for (int i = 0; i < n; i++) {
                    out[i] = Float.float16ToFloat(a[i]);
                }
            }
            case BFLOAT16 -> {
                var a = t.shorts();
                for (int i = 0; i < n; i++) {
                    out[i] = FloatFormats.fromBfloat16(a[i]);
                }
            }
            case UINT64, FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2, FLOAT8E5M2FNUZ, FLOAT8E8M0, FLOAT4E2M1 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = t.getDouble(i);
                }
            }
            default -> throw KernelException.unsupportedType("a numeric tensor", t.type());
        }
        return out;
    }

    /// A tensor of `type` holding `values` converted as `Cast` would (rounding to nearest for floats,
    /// saturating for 8-bit floats, truncating and wrapping for integers). A double result takes ownership of
    /// `values`.
    public static Tensor fromDoubles(ElementType type, long[] shape, double[] values) {
        return fromDoubles(type, shape, values, true);
    }

    /// As [#fromDoubles(ElementType, long[], double[])], with `saturate` choosing the overflow rule of the
    /// 8-bit float types.
    public static Tensor fromDoubles(ElementType type, long[] shape, double[] values, boolean saturate) {
        Operands.checkOutputSize(type, shape);
        int n = values.length;
        Object data = switch (type) {
            case DOUBLE -> values;
            case FLOAT -> {
                var o = new float[n];
                for (int i = 0; i < n; i++) {
                    o[i] = (float) values[i];
                }
                yield o;
            }
            case INT64, UINT64 -> {
                var o = new long[n];
                for (int i = 0; i < n; i++) {
                    o[i] = toLong(values[i], type);
                }
                yield o;
            }
            case INT32, UINT32 -> {
                var o = new int[n];
                for (int i = 0; i < n; i++) {
                    o[i] = (int) (long) values[i];
                }
                yield o;
            }
            case INT16, UINT16 -> {
                var o = new short[n];
                for (int i = 0; i < n; i++) {
                    o[i] = (short) (long) values[i];
                }
                yield o;
            }
            case INT8, UINT8 -> {
                var o = new byte[n];
                for (int i = 0; i < n; i++) {
                    o[i] = (byte) (long) values[i];
                }
                yield o;
            }
            case BOOL -> {
                var o = new byte[n];
                for (int i = 0; i < n; i++) {
                    o[i] = (byte) (values[i] != 0 ? 1 : 0);
                }
                yield o;
            }
            case FLOAT16 -> {
                var o = new short[n];
                for (int i = 0; i < n; i++) {
                    o[i] = Float.floatToFloat16((float) values[i]);
                }
                yield o;
            }
            case BFLOAT16 -> {
                var o = new short[n];
                for (int i = 0; i < n; i++) {
                    o[i] = NarrowFloats.toBfloat16((float) values[i]);
                }
                yield o;
            }
            case FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2, FLOAT8E5M2FNUZ -> {
                var enc = Float8Encoder.of(type);
                var o = new byte[n];
                for (int i = 0; i < n; i++) {
                    o[i] = enc.encode(values[i], saturate);
                }
                yield o;
            }
            default -> throw KernelException.unsupportedType("a numeric result", type);
        };
        return Tensor.of(type, shape, data);
    }

    /// The values of an integer or bool tensor as longs, exactly (uint64 keeps its bit pattern).
    public static long[] toLongs(Tensor t) {
        int n = t.size();
        var out = new long[n];
        switch (t.type()) {
            case INT64, UINT64 -> {
                return t.longs().clone();
            }
            case INT32 -> {
                var a = t.ints();
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
            case UINT32 -> {
                var a = t.ints();
                for (int i = 0; i < n; i++) {
                    out[i] = Integer.toUnsignedLong(a[i]);
                }
            }
            case INT16 -> {
                var a = t.shorts();
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
            case UINT16 -> {
                var a = t.shorts();
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] & 0xFFFF;
                }
            }
            case INT8, INT4 -> {
                var a = t.bytes();
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
            case UINT8, UINT4, BOOL -> {
                var a = t.bytes();
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] & 0xFF;
                }
            }
            default -> throw KernelException.unsupportedType("an integer tensor", t.type());
        }
        return out;
    }

    /// A tensor of integer or bool `type` holding `values`, truncated to the type's width (wrapping).
    public static Tensor fromLongs(ElementType type, long[] shape, long[] values) {
        if (!type.isInteger() && type != ElementType.BOOL) {
            throw KernelException.unsupportedType("an integer result", type);
        }
        var t = Tensor.allocate(type, shape);
        int n = values.length;
        switch (t.data()) {
            case long[] o -> System.arraycopy(values, 0, o, 0, n);
            case int[] o -> {
                for (int i = 0; i < n; i++) {
                    o[i] = (int) values[i];
                }
            }
            case short[] o -> {
                for (int i = 0; i < n; i++) {
                    o[i] = (short) values[i];
                }
            }
            case byte[] o when type == ElementType.BOOL -> {
                for (int i = 0; i < n; i++) {
                    o[i] = (byte) (values[i] != 0 ? 1 : 0);
                }
            }
            case byte[] o -> {
                for (int i = 0; i < n; i++) {
                    o[i] = (byte) values[i];
                }
            }
            default -> throw KernelException.unsupportedType("an integer result", type);
        }
        return t;
    }

    private static long toLong(double v, ElementType type) {
        if (type == ElementType.UINT64 && v >= 0x1p63) {
            return (long) (v - 0x1p63) ^ Long.MIN_VALUE;
        }
        return (long) v;
    }
}
