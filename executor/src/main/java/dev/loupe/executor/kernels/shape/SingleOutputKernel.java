package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// Base of the kernels whose node has one tensor output: subclasses compute it from the inputs.
abstract class SingleOutputKernel implements Kernel {

    @Override
    public final RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        return new RuntimeValue[] {compute(inputs)};
    }

    /// The output, from the node's inputs (absent optional inputs are `null`).
    abstract Tensor compute(RuntimeValue[] inputs);
}
