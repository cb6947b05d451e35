package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `ai.onnx.ml.Imputer` 1 · X: float, double, int64, int32 → Y: the type and shape of X.
///
/// Replaces every `x` equal to the replaced value (`replaced_value_float`, default 0, where NaN matches NaN;
/// or `replaced_value_int64` for integer inputs) by the imputed value of its feature
/// (`imputed_value_floats` or `imputed_value_int64s`, one per feature along the last axis, or one for all).
final class ImputerKernel implements Kernel {

    private final double[] imputedFloats;
    private final long[] imputedInts;
    private final double replacedFloat;
    private final long replacedInt;

    ImputerKernel(NodeSpec spec) {
        imputedFloats = MlAttributes.doubles(spec, "imputed_value_floats");
        imputedInts = spec.intsAttr("imputed_value_int64s", null);
        if ((imputedFloats == null || imputedFloats.length == 0) == (imputedInts == null || imputedInts.length == 0)) {
            throw new KernelException("exactly one of imputed_value_floats and imputed_value_int64s must be given");
        }
        replacedFloat = spec.floatAttr("replaced_value_float", 0f);
        replacedInt = spec.intAttr("replaced_value_int64", 0);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        Tensor t = MlTensors.tensor(inputs, 0, "X");
        var shape = t.shape();
        int f = shape.length == 0 ? 1 : (int) shape[shape.length - 1];
        boolean integral = t.type() == ElementType.INT64 || t.type() == ElementType.INT32;
        if (integral) {
            if (imputedInts == null || imputedInts.length == 0) {
                throw new KernelException("an " + t.type().onnxName() + " input needs imputed_value_int64s");
            }
            checkLength(imputedInts.length, f);
            return new RuntimeValue[] {imputeIntegers(t, f)};
        }
        if (imputedFloats == null || imputedFloats.length == 0) {
            throw new KernelException("a " + t.type().onnxName() + " input needs imputed_value_floats");
        }
        checkLength(imputedFloats.length, f);
        var v = MlTensors.toDoubles(t, "X");
        var y = new double[v.length];
        boolean nan = Double.isNaN(replacedFloat);
        for (int i = 0; i < v.length; i++) {
            boolean hit = nan ? Double.isNaN(v[i]) : v[i] == replacedFloat;
            y[i] = hit ? imputedFloats[imputedFloats.length == 1 ? 0 : i % f] : v[i];
        }
        return new RuntimeValue[] {MlTensors.ofType(t.type(), shape, y)};
    }

    private Tensor imputeIntegers(Tensor t, int f) {
        var out = Tensor.allocate(t.type(), t.shape());
        boolean one = imputedInts.length == 1;
        if (t.type() == ElementType.INT64) {
            var x = t.longs();
            var y = out.longs();
            for (int i = 0; i < x.length; i++) {
                y[i] = x[i] == replacedInt ? imputedInts[one ? 0 : i % f] : x[i];
            }
        } else {
            var x = t.ints();
            var y = out.ints();
            for (int i = 0; i < x.length; i++) {
                y[i] = x[i] == replacedInt ? (int) imputedInts[one ? 0 : i % f] : x[i];
            }
        }
        return out;
    }

    private static void checkLength(int length, int features) {
        if (length != 1 && length != features) {
            throw new KernelException("the imputed values are " + length + ", expected 1 or " + features + " (one per feature)");
        }
    }
}
