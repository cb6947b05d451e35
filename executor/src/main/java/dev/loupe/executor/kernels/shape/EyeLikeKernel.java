package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `EyeLike` (versions 9, 22), numeric and bool: a matrix of the input's shape with ones on the diagonal
/// shifted by `k` and zeros elsewhere, of type `dtype` (default: the input's).
final class EyeLikeKernel extends SingleOutputKernel {

    private final ElementType dtype;
    private final long k;

    EyeLikeKernel(NodeSpec node) {
        this.dtype = node.has("dtype") ? ElementType.fromCode((int) node.intAttr("dtype", 0))
                .orElseThrow(() -> new KernelException("dtype " + node.intAttr("dtype", 0) + " is not an element type")) : null;
        this.k = node.intAttr("k", 0);
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var x = Operands.tensor(inputs, 0, "input");
        Operands.requireRank(x, "input", 2);
        var type = dtype == null ? x.type() : dtype;
        int rows = (int) x.dim(0);
        int cols = (int) x.dim(1);
        var values = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            long j = i + k;
            if (j >= 0 && j < cols) {
                values[(int) (i * cols + j)] = 1;
            }
        }
        return Numbers.fromDoubles(type, x.shape(), values);
    }
}
