package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `ai.onnx.ml.ArrayFeatureExtractor` 1 · X: float, double, int64, int32, string; Y: int64 → Z: the type of X.
///
/// Selects the features at the indices `Y` (flattened) along the last axis of X: Z has X's leading axes and
/// one last axis of `|Y|` entries; a 1-D X gives `[1, |Y|]`, as onnxruntime does.
final class ArrayFeatureExtractorKernel implements Kernel {

    ArrayFeatureExtractorKernel(NodeSpec spec) {
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        Tensor x = MlTensors.tensor(inputs, 0, "X");
        Tensor y = MlTensors.tensor(inputs, 1, "Y");
        if (y.type() != ElementType.INT64) {
            throw new KernelException("input Y of type " + y.type().onnxName() + " is not supported; expected int64");
        }
        var shape = x.shape();
        if (shape.length == 0) {
            throw new KernelException("input X must have at least one axis, got a scalar");
        }
        int f = (int) shape[shape.length - 1];
        int rows = f == 0 ? 0 : x.size() / f;
        var idx = y.longs();
        for (int j = 0; j < idx.length; j++) {
            if (idx[j] < 0 || idx[j] >= f) {
                throw new KernelException("index Y[" + j + "] = " + idx[j] + " is out of range for " + f + " features");
            }
        }
        long[] outShape;
        if (shape.length == 1) {
            outShape = new long[] {1, idx.length};
            rows = 1;
        } else {
            outShape = shape.clone();
            outShape[shape.length - 1] = idx.length;
        }
        var out = Tensor.allocate(x.type(), outShape);
        Object src = x.data();
        Object dst = out.data();
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < idx.length; j++) {
                System.arraycopy(src, r * f + (int) idx[j], dst, r * idx.length + j, 1);
            }
        }
        return new RuntimeValue[] {out};
    }
}
