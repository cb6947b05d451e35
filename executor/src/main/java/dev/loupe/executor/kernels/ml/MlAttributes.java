package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.tensor.TensorConversion;

/// Attribute readers for the `ai.onnx.ml` kernels.
final class MlAttributes {

    private MlAttributes() {
    }

    /// A real-valued attribute that ai.onnx.ml opset 3 may give in double precision: `name_as_tensor` when
    /// present, else the FLOATS attribute `name` widened, else `null`. Giving both is an error.
    static double[] floatsOrTensor(NodeSpec spec, String name) {
        var floats = spec.floatsAttr(name, null);
        var tensor = spec.tensorAttr(name + "_as_tensor");
        if (tensor.isPresent()) {
            if (floats != null) {
                throw new KernelException("attributes " + name + " and " + name + "_as_tensor are both given; use one");
            }
            Tensor t = TensorConversion.fromTensorData(tensor.get());
            return MlTensors.toDoubles(t, "attribute " + name + "_as_tensor").clone();
        }
        if (floats == null) {
            return null;
        }
        var out = new double[floats.length];
        for (int i = 0; i < floats.length; i++) {
            out[i] = floats[i];
        }
        return out;
    }

    /// A required INTS attribute.
    static long[] requiredInts(NodeSpec spec, String name) {
        var v = spec.intsAttr(name, null);
        if (v == null) {
            throw new KernelException("required attribute '" + name + "' is missing");
        }
        return v;
    }

    /// A FLOATS attribute widened to double, or `null` when absent.
    static double[] doubles(NodeSpec spec, String name) {
        var v = spec.floatsAttr(name, null);
        if (v == null) {
            return null;
        }
        var out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /// A required FLOATS attribute widened to double.
    static double[] requiredDoubles(NodeSpec spec, String name) {
        var v = doubles(spec, name);
        if (v == null) {
            throw new KernelException("required attribute '" + name + "' is missing");
        }
        return v;
    }

    /// Checks that an attribute has `expected` entries.
    static void checkLength(String name, int actual, int expected, String reason) {
        if (actual != expected) {
            throw new KernelException("attribute " + name + " has " + actual + " values, expected " + expected + " (" + reason + ")");
        }
    }

    /// `values` narrowed to ints, each checked to lie in `[0, limit)`.
    static int[] indices(String name, long[] values, long limit) {
        var out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] >= limit) {
                throw new KernelException("attribute " + name + "[" + i + "] = " + values[i] + " is out of range [0, " + limit + ")");
            }
            out[i] = (int) values[i];
        }
        return out;
    }
}
