package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `Size` (versions 1, 13, 19, 21), any element type: the input's element count as an int64 scalar.
final class SizeKernel extends SingleOutputKernel {

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        return Tensor.scalarLong(Operands.tensor(inputs, 0, "data").size());
    }
}
