package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `ScatterND` (versions 11, 13, 16, 18), any element type, int64 indices: a copy of `data` where each index
/// tuple's slice is replaced by (or, with `reduction` from version 16, combined with) the matching slice of
/// `updates`, whose shape is `indices.shape[:-1] + data.shape[k:]`.
final class ScatterNdKernel extends SingleOutputKernel {

    private final ScatterReduction reduction;

    ScatterNdKernel(NodeSpec node) {
        this.reduction = ScatterReduction.of(node.stringAttr("reduction", "none"));
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var data = Operands.tensor(inputs, 0, "data");
        var indicesTensor = Operands.tensor(inputs, 1, "indices");
        var updates = Operands.tensor(inputs, 2, "updates");
        var plan = NdIndexing.plan(data.shape(), indicesTensor.shape(), 0);
        var starts = plan.sliceStarts(Operands.longs(indicesTensor, "indices"));
        int slice = plan.sliceSize();
        if ((long) starts.length * slice != updates.size()) {
            throw new KernelException("updates " + updates.describe() + " do not match indices "
                    + indicesTensor.describe() + " on data " + data.describe());
        }
        var target = new int[updates.size()];
        for (int t = 0; t < starts.length; t++) {
            for (int j = 0; j < slice; j++) {
                target[t * slice + j] = starts[t] + j;
            }
        }
        return reduction.apply(data, target, updates);
    }
}
