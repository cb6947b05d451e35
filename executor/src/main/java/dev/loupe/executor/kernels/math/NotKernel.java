package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `Not` (version 1): logical negation of a bool tensor.
final class NotKernel implements Kernel {

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var x = Operands.tensor("Not", inputs, 0, "X");
        if (x.type() != ElementType.BOOL) {
            throw KernelException.unsupportedType("Not input", x.type());
        }
        var out = Tensor.allocate(ElementType.BOOL, x.shape());
        var in = x.bytes();
        var o = out.bytes();
        for (int i = 0; i < in.length; i++) {
            o[i] = (byte) (in[i] == 0 ? 1 : 0);
        }
        return new RuntimeValue[] {out};
    }
}
