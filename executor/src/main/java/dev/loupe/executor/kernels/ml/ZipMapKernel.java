package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.MapValue;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.SequenceValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.ArrayList;
import java.util.List;

/// `ai.onnx.ml.ZipMap` 1 · X: float `[N, C]` (or `[C]`) → Z: sequence of N maps from `classlabels_strings` or
/// `classlabels_int64s` to float.
///
/// Each map holds one row of X, keyed by the class labels in order; its values are scalar float tensors.
final class ZipMapKernel implements Kernel {

    private final Tensor keys;

    ZipMapKernel(NodeSpec spec) {
        var labels = ClassLabels.of(spec, "classlabels_int64s", "classlabels_strings");
        long[] shape = {labels.size()};
        keys = labels.areStrings() ? Tensor.of(ElementType.STRING, shape, labels.strings().clone())
                : Tensor.ofLongs(shape, labels.ints().clone());
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        Tensor x = MlTensors.tensor(inputs, 0, "X");
        if (x.type() != ElementType.FLOAT) {
            throw new KernelException("input X of type " + x.type().onnxName() + " is not supported; expected float");
        }
        int c = keys.size();
        int cols = x.rank() == 0 ? 1 : (int) x.dim(x.rank() - 1);
        if (cols != c) {
            throw new KernelException("input X has " + cols + " columns but there are " + c + " class labels");
        }
        var v = x.floats();
        int rows = c == 0 ? 0 : v.length / c;
        var maps = new ArrayList<RuntimeValue>(rows);
        for (int r = 0; r < rows; r++) {
            var values = new ArrayList<RuntimeValue>(c);
            for (int j = 0; j < c; j++) {
                values.add(Tensor.scalar(v[r * c + j]));
            }
            maps.add(new MapValue(keys, values));
        }
        return new RuntimeValue[] {new SequenceValue(List.copyOf(maps), null)};
    }
}
