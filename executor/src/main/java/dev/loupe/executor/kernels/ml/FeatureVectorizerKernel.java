package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;

/// `ai.onnx.ml.FeatureVectorizer` 1 · X (variadic): int32, int64, float, double → Y: float `[N, Σ
/// inputdimensions]`.
///
/// Concatenates the features of each input row by row; input `i` contributes `inputdimensions[i]` columns,
/// cut or padded with zeros. A 1-D input is one row.
final class FeatureVectorizerKernel implements Kernel {

    private final long[] dimensions;

    FeatureVectorizerKernel(NodeSpec spec) {
        dimensions = spec.intsAttr("inputdimensions", new long[0]);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        if (inputs.length != dimensions.length) {
            throw new KernelException("the node has " + inputs.length + " inputs but inputdimensions lists " + dimensions.length);
        }
        int width = 0;
        for (long d : dimensions) {
            width += (int) d;
        }
        var first = MlTensors.tensor(inputs, 0, "X[0]");
        int rows = first.rank() <= 1 ? 1 : (int) first.dim(0);
        var y = new double[rows * width];
        int column = 0;
        for (int i = 0; i < inputs.length; i++) {
            var t = MlTensors.tensor(inputs, i, "X[" + i + "]");
            var v = MlTensors.toDoubles(t, "X[" + i + "]");
            int tRows = t.rank() <= 1 ? 1 : (int) t.dim(0);
            if (tRows != rows) {
                throw new KernelException("input X[" + i + "] has " + tRows + " rows, X[0] has " + rows);
            }
            int stride = rows == 0 ? 0 : v.length / rows;
            int take = (int) Math.min(stride, dimensions[i]);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(v, r * stride, y, r * width + column, take);
            }
            column += (int) dimensions[i];
        }
        return new RuntimeValue[] {MlTensors.floats(new long[] {rows, width}, y)};
    }
}
