package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.List;

/// `ai.onnx.ml.LabelEncoder` 1 and 2 · X: string, int64, float → Y: string, int64 or float, same shape.
///
/// Version 2 maps `keys_{strings,int64s,floats}[i]` to `values_{strings,int64s,floats}[i]`; an unknown key
/// maps to `default_string` ("_Unused"), `default_int64` (-1) or `default_float` (-0.0). Version 1 maps a
/// string to its position in `classes_strings` and an int64 to the string at that position, with the same
/// defaults.
final class LabelEncoderKernel implements Kernel {

    private final KeyPositions keys;
    private final ElementType valueType;
    private final String[] stringValues;
    private final long[] intValues;
    private final float[] floatValues;
    private final String defaultString;
    private final long defaultInt;
    private final float defaultFloat;
    private final boolean versionOne;

    LabelEncoderKernel(NodeSpec spec) {
        defaultString = spec.stringAttr("default_string", "_Unused");
        defaultInt = spec.intAttr("default_int64", -1);
        defaultFloat = spec.floatAttr("default_float", -0f);
        versionOne = spec.opsetVersion() < 2;
        if (versionOne) {
            var classes = spec.stringsAttr("classes_strings", List.of());
            keys = KeyPositions.ofStrings(classes);
            stringValues = classes.toArray(String[]::new);
            intValues = null;
            floatValues = null;
            valueType = null;
            return;
        }
        var ks = spec.stringsAttr("keys_strings", null);
        var ki = spec.intsAttr("keys_int64s", null);
        var kf = spec.floatsAttr("keys_floats", null);
        exactlyOne("keys", ks != null, ki != null, kf != null);
        keys = ks != null ? KeyPositions.ofStrings(ks) : ki != null ? KeyPositions.ofInts(ki) : KeyPositions.ofFloats(kf);
        var vs = spec.stringsAttr("values_strings", null);
        intValues = spec.intsAttr("values_int64s", null);
        floatValues = spec.floatsAttr("values_floats", null);
        exactlyOne("values", vs != null, intValues != null, floatValues != null);
        stringValues = vs == null ? null : vs.toArray(String[]::new);
        valueType = vs != null ? ElementType.STRING : intValues != null ? ElementType.INT64 : ElementType.FLOAT;
        int keyLength = ks != null ? ks.size() : ki != null ? ki.length : kf.length;
        int valueLength = vs != null ? vs.size() : intValues != null ? intValues.length : floatValues.length;
        if (keyLength != valueLength) {
            throw new KernelException("the node has " + keyLength + " keys but " + valueLength + " values");
        }
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        Tensor x = MlTensors.tensor(inputs, 0, "X");
        if (versionOne) {
            return new RuntimeValue[] {runVersionOne(x)};
        }
        var positions = keys.positions(x, "X", false);
        var out = Tensor.allocate(valueType, x.shape());
        switch (valueType) {
            case STRING -> {
                var y = out.strings();
                for (int i = 0; i < y.length; i++) {
                    y[i] = positions[i] < 0 ? defaultString : stringValues[positions[i]];
                }
            }
            case INT64 -> {
                var y = out.longs();
                for (int i = 0; i < y.length; i++) {
                    y[i] = positions[i] < 0 ? defaultInt : intValues[positions[i]];
                }
            }
            default -> {
                var y = out.floats();
                for (int i = 0; i < y.length; i++) {
                    y[i] = positions[i] < 0 ? defaultFloat : floatValues[positions[i]];
                }
            }
        }
        return new RuntimeValue[] {out};
    }

    private Tensor runVersionOne(Tensor x) {
        if (x.type() == ElementType.STRING) {
            var positions = keys.positions(x, "X", false);
            var out = Tensor.allocate(ElementType.INT64, x.shape());
            var y = out.longs();
            for (int i = 0; i < y.length; i++) {
                y[i] = positions[i] < 0 ? defaultInt : positions[i];
            }
            return out;
        }
        if (x.type() != ElementType.INT64) {
            throw new KernelException("input X of type " + x.type().onnxName() + " is not supported; expected string or int64");
        }
        var in = x.longs();
        var out = Tensor.allocate(ElementType.STRING, x.shape());
        var y = out.strings();
        for (int i = 0; i < y.length; i++) {
            y[i] = in[i] >= 0 && in[i] < stringValues.length ? stringValues[(int) in[i]] : defaultString;
        }
        return out;
    }

    private static void exactlyOne(String what, boolean... given) {
        int n = 0;
        for (boolean g : given) {
            n += g ? 1 : 0;
        }
        if (n != 1) {
            throw new KernelException("exactly one of " + what + "_strings, " + what + "_int64s and " + what + "_floats must be given");
        }
    }
}
