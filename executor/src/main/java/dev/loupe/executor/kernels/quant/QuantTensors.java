package dev.loupe.executor.kernels.quant;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// Inputs and outputs of the quantization kernels: 8-bit integer tensors as `int` values, scales as floats,
/// and saturation back into the quantized type.
final class QuantTensors {

    private QuantTensors() {
    }

    /// Input slot `i`, or `null` when absent and not `required`.
    static Tensor input(RuntimeValue[] in, int i, String name, boolean required) {
        var v = i < in.length ? in[i] : null;
        if (v == null) {
            if (required) {
                throw new KernelException("input " + name + " is missing");
            }
            return null;
        }
        if (!(v instanceof Tensor t)) {
            throw new KernelException("input " + name + " must be a tensor, got " + v.describe());
        }
        return t;
    }

    /// The values of a uint8 or int8 tensor as ints.
    static int[] bytesAsInts(Tensor t, String name) {
        var b = t.bytes();
        var out = new int[b.length];
        switch (t.type()) {
            case UINT8 -> {
                for (int i = 0; i < b.length; i++) {
                    out[i] = b[i] & 0xFF;
                }
            }
            case INT8 -> {
                for (int i = 0; i < b.length; i++) {
                    out[i] = b[i];
                }
            }
            default -> throw new KernelException("input " + name + " of type " + t.type().onnxName()
                    + " is not supported; expected uint8 or int8");
        }
        return out;
    }

    /// `x - zeroPoint` for an 8-bit tensor whose zero point is a scalar, or (when `perRowAxis` ≥ 0) one value
    /// per index of that axis.
    static int[] shifted(Tensor x, String name, Tensor zeroPoint, int perRowAxis) {
        var v = bytesAsInts(x, name);
        if (zeroPoint == null) {
            return v;
        }
        if (zeroPoint.type() != x.type()) {
            throw new KernelException("the zero point of " + name + " is " + zeroPoint.type().onnxName() + ", expected "
                    + x.type().onnxName() + " like " + name);
        }
        var zp = bytesAsInts(zeroPoint, name + " zero point");
        if (zp.length == 1) {
            for (int i = 0; i < v.length; i++) {
                v[i] -= zp[0];
            }
            return v;
        }
        long[] shape = x.shape();
        if (perRowAxis < 0 || perRowAxis >= shape.length || zp.length != shape[perRowAxis]) {
            throw new KernelException("the zero point of " + name + " has " + zp.length + " values; expected 1 or one per "
                    + (perRowAxis < 0 || perRowAxis >= shape.length ? "row" : "index of axis " + perRowAxis + " (" + shape[perRowAxis] + ")"));
        }
        int inner = 1;
        for (int d = perRowAxis + 1; d < shape.length; d++) {
            inner *= (int) shape[d];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] -= zp[(i / inner) % zp.length];
        }
        return v;
    }

    /// The values of a float scale tensor.
    static float[] scales(Tensor t, String name) {
        if (t.type() != ElementType.FLOAT) {
            throw new KernelException("input " + name + " of type " + t.type().onnxName() + " is not supported; expected float");
        }
        return t.floats();
    }

    /// A scalar (or one-element) float.
    static float scalar(Tensor t, String name) {
        var s = scales(t, name);
        if (s.length != 1) {
            throw new KernelException("input " + name + " must hold one value, got " + t.describe());
        }
        return s[0];
    }

    /// The values of a real-valued tensor (float, double, float16, bfloat16), such as a scale.
    static double[] reals(Tensor t, String name) {
        if (!t.type().isFloatingPoint() || t.type().bitWidth() < 16) {
            throw new KernelException("input " + name + " of type " + t.type().onnxName()
                    + " is not supported; expected float, double, float16 or bfloat16");
        }
        var out = new double[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getDouble(i);
        }
        return out;
    }

    /// The values of an integer tensor as longs.
    static long[] integers(Tensor t, String name) {
        if (!t.type().isInteger()) {
            throw new KernelException("input " + name + " of type " + t.type().onnxName() + " is not supported; expected an integer type");
        }
        var out = new long[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getLong(i);
        }
        return out;
    }

    /// Checks that `t` holds a quantized type: an integer type of at most 32 bits or a float8 type.
    static void checkQuantized(Tensor t, String name) {
        boolean integer = t.type().isInteger() && t.type().bitWidth() <= 32;
        boolean float8 = t.type().isFloatingPoint() && t.type().bitWidth() == 8;
        if (!integer && !float8) {
            throw new KernelException("input " + name + " of type " + t.type().onnxName()
                    + " is not supported; expected a quantized integer or float8 type");
        }
    }

    /// The smallest value of a quantized integer type.
    static long min(ElementType type) {
        return switch (type) {
            case UINT8, UINT16, UINT4 -> 0;
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT4 -> -8;
            default -> throw new KernelException("quantizing to " + type.onnxName()
                    + " is not supported; expected uint8, int8, uint16, int16, uint4 or int4");
        };
    }

    /// The largest value of a quantized integer type.
    static long max(ElementType type) {
        return switch (type) {
            case UINT8 -> 255;
            case UINT16 -> 65535;
            case UINT4 -> 15;
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT4 -> 7;
            default -> throw new KernelException("quantizing to " + type.onnxName()
                    + " is not supported; expected uint8, int8, uint16, int16, uint4 or int4");
        };
    }

    /// `v` rounded half to even, then clamped into the range of `type` (uint8 or int8).
    static byte saturate(double v, ElementType type) {
        double r = Math.rint(v);
        return (byte) (long) Math.max(min(type), Math.min(max(type), r));
    }
}
