package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.RuntimeValue;

/// `Identity` (versions 1, 13, 14, 16, 19, 21): returns its input, a tensor, a sequence (version 14) or an
/// optional (version 16), unchanged; values are immutable, so nothing is copied.
final class IdentityKernel implements Kernel {

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        if (inputs.length == 0 || inputs[0] == null) {
            throw new KernelException("input 0 (input) is required but missing");
        }
        return new RuntimeValue[] {inputs[0]};
    }
}
