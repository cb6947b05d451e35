package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `PRelu` before version 7: a 1-D slope with one value per channel applies along axis 1 of `X` (so it is
/// reshaped to `[C, 1, ..., 1]` before the modern broadcasting rule applies); a single value is shared.
record ChannelSlopeKernel(Kernel inner) implements Kernel {

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        if (inputs.length == 2 && inputs[0] instanceof Tensor x && inputs[1] instanceof Tensor slope
                && slope.rank() == 1 && slope.size() > 1 && x.rank() > 2 && x.dim(1) == slope.size()) {
            var shape = new long[x.rank() - 1];
            java.util.Arrays.fill(shape, 1);
            shape[0] = slope.size();
            return inner.run(new RuntimeValue[] {x, slope.reshape(shape)}, context);
        }
        return inner.run(inputs, context);
    }
}
