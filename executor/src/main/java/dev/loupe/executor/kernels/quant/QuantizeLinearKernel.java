package dev.loupe.executor.kernels.quant;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `QuantizeLinear` 10 and 13 · x: float, float16, bfloat16 or int32; y_scale: float (or x's float type);
/// y_zero_point: uint8, int8, uint16, int16, uint4 or int4 (uint8 0 when absent) → y: the type of
/// y_zero_point.
///
/// `y = saturate(round(x / y_scale) + y_zero_point)`, rounding half to even, per tensor or (13) per index of
/// `axis` (default 1). A float x is divided in float, as the reference implementation does. Later versions
/// resolve here for these integer outputs; float8 outputs and `block_size` are reported as unsupported.
final class QuantizeLinearKernel implements Kernel {

    private final long axis;

    QuantizeLinearKernel(NodeSpec spec) {
        axis = spec.intAttr("axis", 1);
        if (spec.intAttr("block_size", 0) != 0) {
            throw new KernelException("blocked quantization (block_size " + spec.intAttr("block_size", 0) + ") is not supported");
        }
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] in, KernelContext context) {
        var x = QuantTensors.input(in, 0, "x", true);
        var scale = QuantTensors.reals(QuantTensors.input(in, 1, "y_scale", true), "y_scale");
        var zeroPoint = QuantTensors.input(in, 2, "y_zero_point", false);
        var type = zeroPoint == null ? ElementType.UINT8 : zeroPoint.type();
        long[] zp = zeroPoint == null ? new long[] {0} : QuantTensors.integers(zeroPoint, "y_zero_point");
        var per = PerAxis.of(x.shape(), axis, scale.length, "y_scale");
        if (zp.length != scale.length) {
            throw new KernelException("y_zero_point has " + zp.length + " values but y_scale has " + scale.length);
        }
        long min = QuantTensors.min(type);
        long max = QuantTensors.max(type);
        var out = Tensor.allocate(type, x.shape());
        int n = x.size();
        if (x.type() == ElementType.FLOAT) {
            var v = x.floats();
            for (int i = 0; i < n; i++) {
                int s = per.index(i);
                out.setLong(i, clamp(Math.rint(v[i] / (float) scale[s]) + zp[s], min, max));
            }
        } else if (x.type() == ElementType.INT32 || x.type() == ElementType.FLOAT16 || x.type() == ElementType.BFLOAT16) {
            for (int i = 0; i < n; i++) {
                int s = per.index(i);
                out.setLong(i, clamp(Math.rint(x.getDouble(i) / scale[s]) + zp[s], min, max));
            }
        } else {
            throw new KernelException("input x of type " + x.type().onnxName() + " is not supported; expected float, float16, bfloat16 or int32");
        }
        return new RuntimeValue[] {out};
    }

    private static long clamp(double v, long min, long max) {
        return (long) Math.max(min, Math.min(max, v));
    }
}
