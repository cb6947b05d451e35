package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// Input checks and conversions shared by the `ai.onnx.ml` kernels, whose numeric inputs may be float,
/// double, int64 or int32 and whose outputs are mostly float.
final class MlTensors {

    private MlTensors() {
    }

    /// Input slot `i` as a tensor, failing with the input's name when it is absent or not a tensor.
    static Tensor tensor(RuntimeValue[] inputs, int i, String name) {
        if (i >= inputs.length || inputs[i] == null) {
            throw new KernelException("input " + name + " is missing");
        }
        if (!(inputs[i] instanceof Tensor t)) {
            throw new KernelException("input " + name + " must be a tensor, got " + inputs[i].describe());
        }
        return t;
    }

    /// The elements of a float, double, int64 or int32 tensor as doubles (a double tensor's own array,
    /// which callers only read).
    static double[] toDoubles(Tensor t, String name) {
        return switch (t.type()) {
            case DOUBLE -> t.doubles();
            case FLOAT -> {
                var src = t.floats();
                var out = new double[src.length];
                for (int i = 0; i < src.length; i++) {
                    out[i] = src[i];
                }
                yield out;
            }
            case INT64 -> {
                var src = t.longs();
                var out = new double[src.length];
                for (int i = 0; i < src.length; i++) {
                    out[i] = src[i];
                }
                yield out;
            }
            case INT32 -> {
                var src = t.ints();
                var out = new double[src.length];
                for (int i = 0; i < src.length; i++) {
                    out[i] = src[i];
                }
                yield out;
            }
            default -> throw new KernelException("input " + name + " of type " + t.type().onnxName()
                    + " is not supported; expected float, double, int64 or int32");
        };
    }

    /// A float tensor holding `values` rounded to float.
    static Tensor floats(long[] shape, double[] values) {
        var out = Tensor.allocate(ElementType.FLOAT, shape);
        var f = out.floats();
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return out;
    }

    /// A tensor of `type` (float, double, int64 or int32) holding `values` converted as a cast would.
    static Tensor ofType(ElementType type, long[] shape, double[] values) {
        var out = Tensor.allocate(type, shape);
        switch (type) {
            case FLOAT -> {
                var f = out.floats();
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) values[i];
                }
            }
            case DOUBLE -> System.arraycopy(values, 0, out.doubles(), 0, values.length);
            case INT64 -> {
                var l = out.longs();
                for (int i = 0; i < l.length; i++) {
                    l[i] = (long) values[i];
                }
            }
            case INT32 -> {
                var v = out.ints();
                for (int i = 0; i < v.length; i++) {
                    v[i] = (int) values[i];
                }
            }
            default -> throw KernelException.unsupportedType("output", type);
        }
        return out;
    }
}
