package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.NarrowFloats;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import dev.loupe.model.FloatFormats;

/// Flat conversions between a tensor's storage and the arrays kernels compute in ([ComputeType]), one loop
/// per storage type. Arrays returned by the widening methods may be the tensor's own storage: read them,
/// never write them.
final class Numeric {

    private Numeric() {
    }

    /// float, float16 or bfloat16 values as `float`s.
    static float[] floats(Tensor t) {
        return switch (t.type()) {
            case FLOAT -> t.floats();
            case FLOAT16, BFLOAT16 -> {
                var s = t.shorts();
                var out = new float[s.length];
                boolean half = t.type() == ElementType.FLOAT16;
                for (int i = 0; i < s.length; i++) {
                    out[i] = half ? Float.float16ToFloat(s[i]) : FloatFormats.fromBfloat16(s[i]);
                }
                yield out;
            }
            default -> throw KernelException.unsupportedType("a float computation on input", t.type());
        };
    }

    /// Any numeric or bool tensor as `double`s (unsigned values as unsigned).
    static double[] doubles(Tensor t) {
        var out = new double[t.size()];
        switch (t.data()) {
            case double[] d when t.type() == ElementType.DOUBLE -> {
                return d;
            }
            case float[] f when t.type() == ElementType.FLOAT -> {
                for (int i = 0; i < f.length; i++) {
                    out[i] = f[i];
                }
            }
            case long[] l when t.type() == ElementType.INT64 -> {
                for (int i = 0; i < l.length; i++) {
                    out[i] = l[i];
                }
            }
            case int[] v when t.type() == ElementType.INT32 -> {
                for (int i = 0; i < v.length; i++) {
                    out[i] = v[i];
                }
            }
            default -> {
                if (t.type() == ElementType.STRING || t.type().kind() == ElementType.Kind.COMPLEX) {
                    throw KernelException.unsupportedType("a numeric computation on input", t.type());
                }
                for (int i = 0; i < out.length; i++) {
                    out[i] = t.getDouble(i);
                }
            }
        }
        return out;
    }

    /// int8, int16, int32, uint8, uint16 or bool tensors as `int`s.
    static int[] ints(Tensor t) {
        return switch (t.type()) {
            case INT32 -> t.ints();
            case INT8 -> {
                var b = t.bytes();
                var out = new int[b.length];
                for (int i = 0; i < b.length; i++) {
                    out[i] = b[i];
                }
                yield out;
            }
            case UINT8, BOOL -> {
                var b = t.bytes();
                var out = new int[b.length];
                for (int i = 0; i < b.length; i++) {
                    out[i] = b[i] & 0xFF;
                }
                yield out;
            }
            case INT16 -> {
                var s = t.shorts();
                var out = new int[s.length];
                for (int i = 0; i < s.length; i++) {
                    out[i] = s[i];
                }
                yield out;
            }
            case UINT16 -> {
                var s = t.shorts();
                var out = new int[s.length];
                for (int i = 0; i < s.length; i++) {
                    out[i] = s[i] & 0xFFFF;
                }
                yield out;
            }
            default -> throw KernelException.unsupportedType("an int computation on input", t.type());
        };
    }

    /// Integer tensors as `long`s (uint32 as unsigned; int64 and uint64 as stored).
    static long[] longs(Tensor t) {
        return switch (t.type()) {
            case INT64, UINT64 -> t.longs();
            case UINT32 -> {
                var v = t.ints();
                var out = new long[v.length];
                for (int i = 0; i < v.length; i++) {
                    out[i] = Integer.toUnsignedLong(v[i]);
                }
                yield out;
            }
            default -> {
                var v = ints(t);
                var out = new long[v.length];
                for (int i = 0; i < v.length; i++) {
                    out[i] = v[i];
                }
                yield out;
            }
        };
    }

    /// A tensor of float type `type` (float, float16, bfloat16) from computed `float`s.
    static Tensor fromFloats(ElementType type, long[] shape, float[] v) {
        if (type == ElementType.FLOAT) {
            return Tensor.of(type, shape, v);
        }
        var out = Tensor.allocate(type, shape);
        var s = out.shorts();
        boolean half = type == ElementType.FLOAT16;
        for (int i = 0; i < v.length; i++) {
            s[i] = half ? Float.floatToFloat16(v[i]) : NarrowFloats.toBfloat16(v[i]);
        }
        return out;
    }

    /// A tensor of `type` from computed `double`s, converted as a cast would.
    static Tensor fromDoubles(ElementType type, long[] shape, double[] v) {
        if (type == ElementType.DOUBLE) {
            return Tensor.of(type, shape, v);
        }
        var out = Tensor.allocate(type, shape);
        if (out.data() instanceof float[] f) {
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out.setDouble(i, v[i]);
        }
        return out;
    }

    /// A tensor of a small integer type or bool from computed `int`s (wrapped as a cast would).
    static Tensor fromInts(ElementType type, long[] shape, int[] v) {
        if (type == ElementType.INT32) {
            return Tensor.of(type, shape, v);
        }
        var out = Tensor.allocate(type, shape);
        switch (out.data()) {
            case byte[] b when type == ElementType.BOOL -> {
                for (int i = 0; i < v.length; i++) {
                    b[i] = (byte) (v[i] != 0 ? 1 : 0);
                }
            }
            case byte[] b -> {
                for (int i = 0; i < v.length; i++) {
                    b[i] = (byte) v[i];
                }
            }
            case short[] s -> {
                for (int i = 0; i < v.length; i++) {
                    s[i] = (short) v[i];
                }
            }
            default -> throw KernelException.unsupportedType("an int result of type", type);
        }
        return out;
    }

    /// A tensor of an integer type from computed `long`s (wrapped as a cast would).
    static Tensor fromLongs(ElementType type, long[] shape, long[] v) {
        if (type == ElementType.INT64 || type == ElementType.UINT64) {
            return Tensor.of(type, shape, v);
        }
        if (type == ElementType.INT32 || type == ElementType.UINT32) {
            var out = Tensor.allocate(type, shape);
            var d = out.ints();
            for (int i = 0; i < v.length; i++) {
                d[i] = (int) v[i];
            }
            return out;
        }
        var narrow = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            narrow[i] = (int) v[i];
        }
        return fromInts(type, shape, narrow);
    }
}
