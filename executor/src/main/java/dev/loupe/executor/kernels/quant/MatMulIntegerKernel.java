package dev.loupe.executor.kernels.quant;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `MatMulInteger` 10 · A, B: uint8 or int8; a_zero_point (scalar or one per row of A), b_zero_point (scalar
/// or one per column of B) → Y: int32.
///
/// `Y = (A - a_zero_point) · (B - b_zero_point)` with `MatMul`'s broadcasting, accumulated in int32.
final class MatMulIntegerKernel implements Kernel {

    MatMulIntegerKernel(NodeSpec spec) {
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] in, KernelContext context) {
        var a = QuantTensors.input(in, 0, "A", true);
        var b = QuantTensors.input(in, 1, "B", true);
        var av = QuantTensors.shifted(a, "A", QuantTensors.input(in, 2, "a_zero_point", false), a.rank() - 2);
        var bv = QuantTensors.shifted(b, "B", QuantTensors.input(in, 3, "b_zero_point", false), b.rank() - 1);
        var product = IntegerMatMul.multiply(av, a.shape(), bv, b.shape());
        return new RuntimeValue[] {Tensor.of(ElementType.INT32, product.shape(), product.values())};
    }
}
