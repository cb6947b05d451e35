package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

import java.util.stream.IntStream;

/// `Squeeze` (versions 1, 11, 13, 21), any element type: removes the listed axes, which must have size 1, or
/// every size-1 axis when none are listed. Axes come from the attribute before version 13 and from the
/// optional second input after.
final class SqueezeKernel extends SingleOutputKernel {

    private final long[] axesAttribute;
    private final boolean axesFromInput;

    SqueezeKernel(NodeSpec node) {
        this.axesFromInput = node.opsetVersion() >= 13;
        this.axesAttribute = axesFromInput ? null : node.intsAttr("axes", null);
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var x = Operands.tensor(inputs, 0, "data");
        var shape = x.shape();
        long[] axes = axesAttribute;
        if (axesFromInput) {
            var t = Operands.optional(inputs, 1, "axes");
            axes = t == null ? null : Operands.longs(t, "axes");
        }
        var drop = new boolean[shape.length];
        if (axes == null) {
            for (int i = 0; i < shape.length; i++) {
                drop[i] = shape[i] == 1;
            }
        } else {
            for (int a : Operands.axes(axes, shape.length, "axes")) {
                if (shape[a] != 1) {
                    throw new KernelException("cannot squeeze axis " + a + " of " + x.describe() + ": its size is not 1");
                }
                drop[a] = true;
            }
        }
        return x.reshape(IntStream.range(0, shape.length).filter(i -> !drop[i])
                .mapToLong(i -> shape[i]).toArray());
    }
}
