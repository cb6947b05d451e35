package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `ai.onnx.ml.Scaler` 1 · X: float, double, int64, int32 → Y: float, same shape.
///
/// `y = (x - offset) * scale` per feature (the last axis); an `offset` or `scale` of one value applies to
/// every feature.
final class ScalerKernel implements Kernel {

    private final double[] offset;
    private final double[] scale;

    ScalerKernel(NodeSpec spec) {
        var o = MlAttributes.doubles(spec, "offset");
        var s = MlAttributes.doubles(spec, "scale");
        offset = o == null || o.length == 0 ? new double[] {0} : o;
        scale = s == null || s.length == 0 ? new double[] {1} : s;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        Tensor t = MlTensors.tensor(inputs, 0, "X");
        var x = FeatureMatrix.of(t, "X");
        int f = x.cols();
        check("offset", offset.length, f);
        check("scale", scale.length, f);
        var v = x.values();
        var y = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int j = i % f;
            y[i] = (v[i] - offset[offset.length == 1 ? 0 : j]) * scale[scale.length == 1 ? 0 : j];
        }
        return new RuntimeValue[] {MlTensors.floats(t.shape(), y)};
    }

    private static void check(String name, int length, int features) {
        if (length != 1 && length != features) {
            throw new KernelException(name + " has " + length + " values, expected 1 or " + features + " (one per feature)");
        }
    }
}
