package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.List;

/// `ai.onnx.ml.CategoryMapper` 1 · X: string or int64 → Y: int64 or string, same shape.
///
/// `cats_strings[i]` and `cats_int64s[i]` name the same category: a string maps to its int64 and an int64 to
/// its string; an unknown value maps to `default_int64` (-1) or `default_string` ("_Unused").
final class CategoryMapperKernel implements Kernel {

    private final KeyPositions byString;
    private final KeyPositions byInt;
    private final String[] strings;
    private final long[] ints;
    private final String defaultString;
    private final long defaultInt;

    CategoryMapperKernel(NodeSpec spec) {
        var s = spec.stringsAttr("cats_strings", List.of());
        ints = spec.intsAttr("cats_int64s", new long[0]);
        if (s.size() != ints.length) {
            throw new KernelException("cats_strings has " + s.size() + " values and cats_int64s " + ints.length + "; they must pair up");
        }
        strings = s.toArray(String[]::new);
        byString = KeyPositions.ofStrings(s);
        byInt = KeyPositions.ofInts(ints);
        defaultString = spec.stringAttr("default_string", "_Unused");
        defaultInt = spec.intAttr("default_int64", -1);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        Tensor x = MlTensors.tensor(inputs, 0, "X");
        if (x.type() == ElementType.STRING) {
            var positions = byString.positions(x, "X", false);
            var out = Tensor.allocate(ElementType.INT64, x.shape());
            var y = out.longs();
            for (int i = 0; i < y.length; i++) {
                y[i] = positions[i] < 0 ? defaultInt : ints[positions[i]];
            }
            return new RuntimeValue[] {out};
        }
        if (x.type() != ElementType.INT64) {
            throw new KernelException("input X of type " + x.type().onnxName() + " is not supported; expected string or int64");
        }
        var positions = byInt.positions(x, "X", false);
        var out = Tensor.allocate(ElementType.STRING, x.shape());
        var y = out.strings();
        for (int i = 0; i < y.length; i++) {
            y[i] = positions[i] < 0 ? defaultString : strings[positions[i]];
        }
        return new RuntimeValue[] {out};
    }
}
