package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `ai.onnx.ml.Binarizer` 1 · X: float, double, int64, int32 → Y: the type and shape of X.
///
/// `y = 1` where `x > threshold` (attribute, default 0), else 0.
final class BinarizerKernel implements Kernel {

    private final double threshold;

    BinarizerKernel(NodeSpec spec) {
        threshold = spec.floatAttr("threshold", 0f);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        Tensor t = MlTensors.tensor(inputs, 0, "X");
        var v = MlTensors.toDoubles(t, "X");
        var y = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            y[i] = v[i] > threshold ? 1 : 0;
        }
        return new RuntimeValue[] {MlTensors.ofType(t.type(), t.shape(), y)};
    }
}
