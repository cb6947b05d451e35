package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// The broadcasting of binary operators before opset 7: with `broadcast = 1` and an `axis`, `B`'s axes line
/// up with `A`'s starting at `axis` (so `B` is reshaped with ones around it before the modern rule
/// applies); with `broadcast = 0` both shapes must be equal.
final class LegacyBroadcastKernel implements Kernel {

    private final Kernel inner;
    private final boolean broadcast;
    private final Long axis;

    private LegacyBroadcastKernel(Kernel inner, boolean broadcast, Long axis) {
        this.inner = inner;
        this.broadcast = broadcast;
        this.axis = axis;
    }

    /// `kernel` as the node's opset asks: unchanged from version 7, else wrapped.
    static Kernel wrap(NodeSpec spec, Kernel kernel) {
        if (spec.opsetVersion() >= 7) {
            return kernel;
        }
        return new LegacyBroadcastKernel(kernel, spec.intAttr("broadcast", 0) != 0,
                spec.has("axis") ? spec.intAttr("axis", 0) : null);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        if (inputs.length >= 2 && inputs[0] instanceof Tensor a && inputs[1] instanceof Tensor b) {
            if (!broadcast && !java.util.Arrays.equals(a.shape(), b.shape())) {
                throw new KernelException("without broadcast = 1, inputs must have one shape, got " + a.describe() + " and " + b.describe());
            }
            if (broadcast && axis != null) {
                int start = (int) (axis < 0 ? axis + a.rank() : axis);
                if (start < 0 || start + b.rank() > a.rank()) {
                    throw new KernelException("axis " + axis + " cannot place " + b.describe() + " inside " + a.describe());
                }
                var shape = new long[a.rank() - start];
                java.util.Arrays.fill(shape, 1);
                System.arraycopy(b.shape(), 0, shape, 0, b.rank());
                var args = inputs.clone();
                args[1] = b.reshape(shape);
                return inner.run(args, context);
            }
        }
        return inner.run(inputs, context);
    }
}
