package dev.loupe.executor.kernels.signal;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// Inputs and outputs of the signal kernels: scalars, real tensors as doubles, and results stored in the
/// requested float type.
final class SignalTensors {

    private SignalTensors() {
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

    /// A one-element integer input.
    static long integer(Tensor t, String name) {
        if (t.size() != 1 || !(t.type() == ElementType.INT32 || t.type() == ElementType.INT64)) {
            throw new KernelException("input " + name + " must be an int32 or int64 scalar, got " + t.describe());
        }
        return t.getLong(0);
    }

    /// A one-element float input.
    static double real(Tensor t, String name) {
        if (t.size() != 1 || !t.type().isFloatingPoint()) {
            throw new KernelException("input " + name + " must be a floating-point scalar, got " + t.describe());
        }
        return t.getDouble(0);
    }

    /// The elements of a float, double or float16 tensor as doubles.
    static double[] doubles(Tensor t, String name) {
        return switch (t.type()) {
            case DOUBLE -> t.doubles();
            case FLOAT -> {
                var f = t.floats();
                var out = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    out[i] = f[i];
                }
                yield out;
            }
            case FLOAT16, BFLOAT16 -> {
                var out = new double[t.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = t.getDouble(i);
                }
                yield out;
            }
            default -> throw new KernelException("input " + name + " of type " + t.type().onnxName()
                    + " is not supported; expected float, double, float16 or bfloat16");
        };
    }

    /// A tensor of `type` holding `values` rounded to it.
    static Tensor of(ElementType type, long[] shape, double[] values) {
        var out = Tensor.allocate(type, shape);
        switch (type) {
            case DOUBLE -> System.arraycopy(values, 0, out.doubles(), 0, values.length);
            case FLOAT -> {
                var f = out.floats();
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) values[i];
                }
            }
            default -> {
                for (int i = 0; i < values.length; i++) {
                    out.setDouble(i, values[i]);
                }
            }
        }
        return out;
    }

    /// The element type named by the `output_datatype` attribute (default float).
    static ElementType outputType(NodeSpec spec) {
        long code = spec.intAttr("output_datatype", ElementType.FLOAT.code());
        var type = ElementType.fromCode((int) code).orElse(ElementType.UNDEFINED);
        return switch (type) {
            case FLOAT, DOUBLE, FLOAT16, BFLOAT16, INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64, UINT64 -> type;
            default -> throw new KernelException("output_datatype " + code + " is not a supported numeric type");
        };
    }
}
