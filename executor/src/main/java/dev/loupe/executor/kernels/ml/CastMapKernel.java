package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;
import java.util.Locale;

/// `ai.onnx.ml.CastMap` 1 · X: map(int64, string) or map(int64, float) → Y: float, int64 or string `[1, M]`
/// (`cast_to` TO_FLOAT, TO_INT64, TO_STRING).
///
/// `DENSE` (the default `map_form`) lists the values in ascending key order; `SPARSE` puts the value of key
/// `k` at position `k` of `max_map` positions and pads the others with 0, or with `"0.f"` for strings as
/// onnxruntime does. Strings convert to numbers by parsing; floats become strings with six decimals.
final class CastMapKernel implements Kernel {

    private final ElementType target;
    private final boolean sparse;
    private final int maxMap;

    CastMapKernel(NodeSpec spec) {
        var castTo = spec.stringAttr("cast_to", "TO_FLOAT");
        target = switch (castTo) {
            case "TO_FLOAT" -> ElementType.FLOAT;
            case "TO_INT64" -> ElementType.INT64;
            case "TO_STRING" -> ElementType.STRING;
            default -> throw new KernelException("cast_to '" + castTo + "' is not one of TO_FLOAT, TO_INT64, TO_STRING");
        };
        var form = spec.stringAttr("map_form", "DENSE");
        if (!form.equals("DENSE") && !form.equals("SPARSE")) {
            throw new KernelException("map_form '" + form + "' is not one of DENSE, SPARSE");
        }
        sparse = form.equals("SPARSE");
        maxMap = (int) spec.intAttr("max_map", 1);
        if (sparse && maxMap <= 0) {
            throw new KernelException("max_map must be positive for a SPARSE map_form, got " + maxMap);
        }
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var m = MapEntries.map(inputs, 0, "X");
        if (m.keys().type() != ElementType.INT64) {
            throw new KernelException("the map keys of type " + m.keys().type().onnxName() + " are not supported; expected int64");
        }
        var keys = m.keys().longs();
        var sorted = keys.clone();
        Arrays.sort(sorted);
        var position = new LongIndex(keys);
        int width = sparse ? maxMap : keys.length;
        var out = Tensor.allocate(target, 1, width);
        if (sparse && target == ElementType.STRING) {
            Arrays.fill(out.strings(), "0.f");
        }
        for (int i = 0; i < sorted.length; i++) {
            long k = sorted[i];
            if (sparse && (k < 0 || k >= maxMap)) {
                throw new KernelException("map key " + k + " is outside [0, max_map = " + maxMap + ")");
            }
            int at = sparse ? (int) k : i;
            var v = MapEntries.value(m, position.get(k));
            switch (target) {
                case FLOAT -> out.floats()[at] = v.type() == ElementType.STRING ? Float.parseFloat(v.strings()[0].trim()) : (float) v.getDouble(0);
                case INT64 -> out.longs()[at] = v.type() == ElementType.STRING ? Long.parseLong(v.strings()[0].trim()) : (long) v.getDouble(0);
                default -> out.strings()[at] = v.type() == ElementType.STRING ? v.strings()[0]
                        : String.format(Locale.ROOT, "%f", v.getDouble(0));
            }
        }
        return new RuntimeValue[] {out};
    }
}
