package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `ai.onnx.ml.Normalizer` 1 · X: float, double, int64, int32 → Y: float, same shape.
///
/// Divides each row (the last axis) by its norm: `MAX` the largest absolute value, `L1` the sum of absolute
/// values, `L2` the Euclidean length. A row whose norm is 0 is left as it is. Computed in double.
final class NormalizerKernel implements Kernel {

    private enum Norm { MAX, L1, L2 }

    private final Norm norm;

    NormalizerKernel(NodeSpec spec) {
        var name = spec.stringAttr("norm", "MAX");
        try {
            norm = Norm.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new KernelException("norm '" + name + "' is not one of MAX, L1, L2");
        }
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        Tensor t = MlTensors.tensor(inputs, 0, "X");
        var x = FeatureMatrix.of(t, "X");
        int f = x.cols();
        var v = x.values();
        var y = new double[v.length];
        for (int r = 0; r < x.rows(); r++) {
            int from = r * f;
            double n = 0;
            for (int j = from; j < from + f; j++) {
                double a = Math.abs(v[j]);
                n = switch (norm) {
                    case MAX -> Math.max(n, a);
                    case L1 -> n + a;
                    case L2 -> n + a * a;
                };
            }
            if (norm == Norm.L2) {
                n = Math.sqrt(n);
            }
            for (int j = from; j < from + f; j++) {
                y[j] = n == 0 ? v[j] : v[j] / n;
            }
        }
        return new RuntimeValue[] {MlTensors.floats(t.shape(), y)};
    }
}
