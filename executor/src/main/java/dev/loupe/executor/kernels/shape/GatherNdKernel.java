package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;

/// `GatherND` (versions 11, 12, 13), any element type, int64 indices: each index tuple (the last axis of
/// `indices`) addresses a slice of `data` after the first `batch_dims` axes (version 12).
final class GatherNdKernel extends SingleOutputKernel {

    private final int batchDims;

    GatherNdKernel(NodeSpec node) {
        this.batchDims = (int) node.intAttr("batch_dims", 0);
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var data = Operands.tensor(inputs, 0, "data");
        var indicesTensor = Operands.tensor(inputs, 1, "indices");
        var plan = NdIndexing.plan(data.shape(), indicesTensor.shape(), batchDims);
        var indices = Operands.longs(indicesTensor, "indices");
        var outShape = new long[indicesTensor.rank() - 1 + data.rank() - batchDims - plan.tupleLength()];
        System.arraycopy(indicesTensor.shape(), 0, outShape, 0, indicesTensor.rank() - 1);
        System.arraycopy(data.shape(), batchDims + plan.tupleLength(), outShape, indicesTensor.rank() - 1,
                data.rank() - batchDims - plan.tupleLength());
        var starts = plan.sliceStarts(indices);
        int slice = plan.sliceSize();
        var index = new int[Math.toIntExact((long) starts.length * slice)];
        for (int t = 0; t < starts.length; t++) {
            for (int j = 0; j < slice; j++) {
                index[t * slice + j] = starts[t] + j;
            }
        }
        if (Shapes.checkedSize(outShape) != index.length) {
            throw new KernelException("indices " + indicesTensor.describe() + " do not fit data " + data.describe());
        }
        return Elements.take(data, outShape, index);
    }
}
