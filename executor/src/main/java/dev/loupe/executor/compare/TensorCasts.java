package dev.loupe.executor.compare;

import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;

/// Conversions between the floating-point types a comparison moves values through: float, float16 and
/// bfloat16 widened to double for the shadow run, and reference values rounded back to the run's types.
final class TensorCasts {

    private TensorCasts() {
    }

    /// float, float16 and bfloat16: the types the shadow run widens.
    static boolean widens(ElementType type) {
        return type == ElementType.FLOAT || type == ElementType.FLOAT16 || type == ElementType.BFLOAT16;
    }

    /// `t` as double (exact for the types [#widens] accepts).
    static Tensor toDouble(Tensor t) {
        var out = new double[t.size()];
        if (t.data() instanceof float[] f) {
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = t.getDouble(i);
            }
        }
        return Tensor.of(ElementType.DOUBLE, t.shape(), out);
    }

    /// `t` rounded to `type`, one of double, float, float16 or bfloat16.
    static Tensor to(Tensor t, ElementType type) {
        if (t.type() == type) {
            return t;
        }
        if (type == ElementType.DOUBLE) {
            return toDouble(t);
        }
        if (type == ElementType.FLOAT && t.data() instanceof double[] d) {
            var f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return Tensor.of(ElementType.FLOAT, t.shape(), f);
        }
        var out = Tensor.of(type, t.shape(), type == ElementType.FLOAT ? new float[t.size()] : new short[t.size()]);
        for (int i = 0; i < t.size(); i++) {
            out.setDouble(i, t.getDouble(i));
        }
        return out;
    }

    /// `value` rounded to the floating-point type of `like` when both are real floating-point tensors of
    /// different types that this class converts; otherwise `value` itself.
    static RuntimeValue like(RuntimeValue value, RuntimeValue like) {
        if (value instanceof Tensor v && like instanceof Tensor l && v.type() != l.type()
                && convertible(v.type()) && convertible(l.type())) {
            return to(v, l.type());
        }
        return value;
    }

    /// Whether two values are the same object, or tensors of one type and shape with bit-identical elements.
    static boolean sameValues(RuntimeValue a, RuntimeValue b) {
        if (a == b) {
            return true;
        }
        if (!(a instanceof Tensor x) || !(b instanceof Tensor y) || x.type() != y.type() || !Arrays.equals(x.shape(), y.shape())) {
            return false;
        }
        return switch (x.data()) {
            case float[] f -> Arrays.equals(f, (float[]) y.data());
            case double[] d -> Arrays.equals(d, (double[]) y.data());
            case long[] l -> Arrays.equals(l, (long[]) y.data());
            case int[] i -> Arrays.equals(i, (int[]) y.data());
            case short[] h -> Arrays.equals(h, (short[]) y.data());
            case byte[] c -> Arrays.equals(c, (byte[]) y.data());
            case String[] t -> Arrays.equals(t, (String[]) y.data());
            default -> false;
        };
    }

    /// `value` described as [RuntimeValue#describe()] does (`float[2,3]`), built without regular expressions.
    static String describe(RuntimeValue value) {
        if (!(value instanceof Tensor t)) {
            return value.describe();
        }
        var sb = new StringBuilder(t.type().onnxName()).append('[');
        for (int i = 0; i < t.rank(); i++) {
            sb.append(i == 0 ? "" : ",").append(t.dim(i));
        }
        return sb.append(']').toString();
    }

    /// NaNs and infinities in a floating-point tensor (0 for anything else).
    static long nonFinite(RuntimeValue value) {
        if (!(value instanceof Tensor t) || !t.type().isFloatingPoint()) {
            return 0;
        }
        long n = 0;
        if (t.data() instanceof float[] f) {
            for (float x : f) {
                n += Float.isFinite(x) ? 0 : 1;
            }
            return n;
        }
        for (int i = 0; i < t.size(); i++) {
            n += Double.isFinite(t.getDouble(i)) ? 0 : 1;
        }
        return n;
    }

    /// double and the types [#widens] accepts: those [#to] converts between.
    static boolean convertible(ElementType type) {
        return type == ElementType.DOUBLE || widens(type);
    }
}
