package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;

/// `ai.onnx.ml.OneHotEncoder` 1 · X: string, int64, int32, float, double → Y: float, X's shape plus one axis
/// of one entry per category.
///
/// Categories are `cats_strings` (string input) or `cats_int64s` (numeric input, truncated to int64). A
/// value outside the categories gives an all-zero row when `zeros` is 1 (the default) and an error otherwise.
final class OneHotEncoderKernel implements Kernel {

    private final KeyPositions categories;
    private final int count;
    private final boolean zeros;

    OneHotEncoderKernel(NodeSpec spec) {
        var ints = spec.intsAttr("cats_int64s", null);
        var strings = spec.stringsAttr("cats_strings", null);
        if ((ints == null) == (strings == null)) {
            throw new KernelException("exactly one of cats_int64s and cats_strings must be given");
        }
        categories = ints != null ? KeyPositions.ofInts(ints) : KeyPositions.ofStrings(strings);
        count = ints != null ? ints.length : strings.size();
        zeros = spec.intAttr("zeros", 1) != 0;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        Tensor x = MlTensors.tensor(inputs, 0, "X");
        var positions = categories.positions(x, "X", true);
        var shape = Arrays.copyOf(x.shape(), x.rank() + 1);
        shape[x.rank()] = count;
        var out = Tensor.allocate(ElementType.FLOAT, shape);
        var y = out.floats();
        for (int i = 0; i < positions.length; i++) {
            if (positions[i] >= 0) {
                y[i * count + positions[i]] = 1f;
            } else if (!zeros) {
                throw new KernelException("input X[" + i + "] is not one of the " + count + " categories and zeros is 0");
            }
        }
        return new RuntimeValue[] {out};
    }
}
