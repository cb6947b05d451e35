package dev.loupe.executor.kernels.quant;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `DequantizeLinear` 10 and 13 · x: uint8, int8 or int32; x_scale: float; x_zero_point: the type of x (0
/// when absent; int32 takes none) → y: float.
///
/// `y = (x - x_zero_point) · x_scale` in float, per tensor or (13) per index of `axis` (default 1).
final class DequantizeLinearKernel implements Kernel {

    private final long axis;

    DequantizeLinearKernel(NodeSpec spec) {
        axis = spec.intAttr("axis", 1);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] in, KernelContext context) {
        var x = QuantTensors.input(in, 0, "x", true);
        var scale = QuantTensors.scales(QuantTensors.input(in, 1, "x_scale", true), "x_scale");
        var zeroPoint = QuantTensors.input(in, 2, "x_zero_point", false);
        var per = PerAxis.of(x.shape(), axis, scale.length, "x_scale");
        int[] values;
        if (x.type() == ElementType.INT32) {
            values = x.ints();
        } else {
            values = QuantTensors.bytesAsInts(x, "x");
        }
        int[] zp = new int[scale.length];
        if (zeroPoint != null) {
            if (zeroPoint.type() != x.type()) {
                throw new KernelException("x_zero_point is " + zeroPoint.type().onnxName() + ", expected " + x.type().onnxName() + " like x");
            }
            zp = x.type() == ElementType.INT32 ? zeroPoint.ints() : QuantTensors.bytesAsInts(zeroPoint, "x_zero_point");
            if (zp.length != scale.length) {
                throw new KernelException("x_zero_point has " + zp.length + " values but x_scale has " + scale.length);
            }
        }
        var out = Tensor.allocate(ElementType.FLOAT, x.shape());
        var y = out.floats();
        for (int i = 0; i < y.length; i++) {
            int s = per.index(i);
            y[i] = ((float) values[i] - (float) zp[s]) * scale[s];
        }
        return new RuntimeValue[] {out};
    }
}
