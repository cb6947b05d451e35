package dev.loupe.executor.kernels.quant;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `QLinearMatMul` 10 · a, b, y_zero_point: uint8 or int8; a_scale (scalar or one per row of a), b_scale
/// (scalar or one per column of b), y_scale: float → y: the type of y_zero_point.
///
/// The integer product of `a - a_zero_point` and `b - b_zero_point` is rescaled by
/// `a_scale · b_scale / y_scale`, rounded half to even, offset by `y_zero_point` and saturated.
final class QLinearMatMulKernel implements Kernel {

    QLinearMatMulKernel(NodeSpec spec) {
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] in, KernelContext context) {
        var a = QuantTensors.input(in, 0, "a", true);
        var aScale = QuantTensors.scales(QuantTensors.input(in, 1, "a_scale", true), "a_scale");
        var b = QuantTensors.input(in, 3, "b", true);
        var bScale = QuantTensors.scales(QuantTensors.input(in, 4, "b_scale", true), "b_scale");
        float yScale = QuantTensors.scalar(QuantTensors.input(in, 6, "y_scale", true), "y_scale");
        var yZero = QuantTensors.input(in, 7, "y_zero_point", true);
        int yz = QuantTensors.bytesAsInts(yZero, "y_zero_point")[0];
        var av = QuantTensors.shifted(a, "a", QuantTensors.input(in, 2, "a_zero_point", true), a.rank() - 2);
        var bv = QuantTensors.shifted(b, "b", QuantTensors.input(in, 5, "b_zero_point", true), b.rank() - 1);
        var p = IntegerMatMul.multiply(av, a.shape(), bv, b.shape());
        check("a_scale", aScale.length, p.rows());
        check("b_scale", bScale.length, p.columns());
        var out = Tensor.allocate(yZero.type(), p.shape());
        var y = out.bytes();
        var acc = p.values();
        int cells = p.rows() * p.columns();
        for (int i = 0; i < acc.length; i++) {
            int row = (i % cells) / p.columns();
            int col = i % p.columns();
            float multiplier = aScale[aScale.length == 1 ? 0 : row] * bScale[bScale.length == 1 ? 0 : col] / yScale;
            y[i] = QuantTensors.saturate(Math.rint(acc[i] * (double) multiplier) + yz, yZero.type());
        }
        return new RuntimeValue[] {out};
    }

    private static void check(String name, int length, int expected) {
        if (length != 1 && length != expected) {
            throw new KernelException("input " + name + " has " + length + " values, expected 1 or " + expected);
        }
    }
}
