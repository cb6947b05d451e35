package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;

import java.util.stream.IntStream;

/// `CenterCropPad` (versions 18, 21), any element type: crops or zero-pads each listed axis (all axes by
/// default) to the requested size around the centre; an odd difference puts the extra element at the end
/// when padding and at the start when cropping.
final class CenterCropPadKernel extends SingleOutputKernel {

    private final long[] axes;

    CenterCropPadKernel(NodeSpec node) {
        this.axes = node.intsAttr("axes", null);
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var x = Operands.tensor(inputs, 0, "input_data");
        var sizes = Operands.longs(Operands.tensor(inputs, 1, "shape"), "shape");
        int rank = x.rank();
        int[] ax = axes == null ? IntStream.range(0, rank).toArray() : Operands.axes(axes, rank, "axes");
        if (sizes.length != ax.length) {
            throw new KernelException("shape has " + sizes.length + " values for " + ax.length + " axes");
        }
        var shape = x.shape();
        var outShape = shape.clone();
        var maps = new int[rank][];
        for (int d = 0; d < rank; d++) {
            maps[d] = IntStream.range(0, (int) shape[d]).toArray();
        }
        for (int i = 0; i < ax.length; i++) {
            int d = ax[i];
            int dim = (int) shape[d];
            int target = (int) sizes[i];
            outShape[d] = target;
            // Cropping starts (dim - target) / 2 in; padding puts (target - dim) / 2 before.
            int shift = target <= dim ? (dim - target) / 2 : -((target - dim) / 2);
            var map = new int[target];
            for (int c = 0; c < target; c++) {
                int s = c + shift;
                map[c] = s >= 0 && s < dim ? s : -1;
            }
            maps[d] = map;
        }
        Operands.checkOutputSize(x.type(), outShape);
        return Elements.takeOrFill(x, outShape, Elements.mapped(outShape, maps, Shapes.strides(shape)), null);
    }
}
