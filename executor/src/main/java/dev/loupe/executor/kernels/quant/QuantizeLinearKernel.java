package dev.loupe.executor.kernels.quant;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `QuantizeLinear` 10 and 13 · x: float or int32; y_scale: float; y_zero_point: uint8 or int8 (uint8 0 when
/// absent) → y: the type of y_zero_point.
///
/// `y = saturate(round(x / y_scale) + y_zero_point)`, rounding half to even, per tensor or (13) per index of
/// `axis` (default 1). A float x is divided in float, as the reference implementation does. Later versions
/// resolve here too for 8-bit integer outputs; float8 outputs and `block_size` are not supported.
final class QuantizeLinearKernel implements Kernel {

    private final long axis;

    QuantizeLinearKernel(NodeSpec spec) {
        axis = spec.intAttr("axis", 1);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] in, KernelContext context) {
        var x = QuantTensors.input(in, 0, "x", true);
        var scale = QuantTensors.scales(QuantTensors.input(in, 1, "y_scale", true), "y_scale");
        var zeroPoint = QuantTensors.input(in, 2, "y_zero_point", false);
        var type = zeroPoint == null ? ElementType.UINT8 : zeroPoint.type();
        int[] zp = zeroPoint == null ? new int[] {0} : QuantTensors.bytesAsInts(zeroPoint, "y_zero_point");
        var per = PerAxis.of(x.shape(), axis, scale.length, "y_scale");
        if (zp.length != scale.length) {
            throw new KernelException("y_zero_point has " + zp.length + " values but y_scale has " + scale.length);
        }
        var out = Tensor.allocate(type, x.shape());
        var y = out.bytes();
        switch (x.type()) {
            case FLOAT -> {
                var v = x.floats();
                for (int i = 0; i < v.length; i++) {
                    int s = per.index(i);
                    y[i] = QuantTensors.saturate(Math.rint(v[i] / scale[s]) + zp[s], type);
                }
            }
            case INT32 -> {
                var v = x.ints();
                for (int i = 0; i < v.length; i++) {
                    int s = per.index(i);
                    y[i] = QuantTensors.saturate(Math.rint(v[i] / (double) scale[s]) + zp[s], type);
                }
            }
            default -> throw new KernelException("input x of type " + x.type().onnxName() + " is not supported; expected float or int32");
        }
        return new RuntimeValue[] {out};
    }
}
