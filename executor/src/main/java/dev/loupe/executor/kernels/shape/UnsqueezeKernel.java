package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `Unsqueeze` (versions 1, 11, 13, 21), any element type: inserts size-1 axes at the listed positions of the
/// output (negative from version 11). Axes come from the attribute before version 13 and from the second
/// input after.
final class UnsqueezeKernel extends SingleOutputKernel {

    private final long[] axesAttribute;

    UnsqueezeKernel(NodeSpec node) {
        this.axesAttribute = node.opsetVersion() >= 13 ? null : node.intsAttr("axes", new long[0]);
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var x = Operands.tensor(inputs, 0, "data");
        var axes = axesAttribute != null ? axesAttribute : Operands.longs(Operands.tensor(inputs, 1, "axes"), "axes");
        int rank = x.rank() + axes.length;
        var inserted = new boolean[rank];
        for (int a : Operands.axes(axes, rank, "axes")) {
            inserted[a] = true;
        }
        var shape = new long[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            shape[i] = inserted[i] ? 1 : x.dim(j++);
        }
        return x.reshape(shape);
    }
}
