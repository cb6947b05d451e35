package dev.loupe.executor.kernels.quant;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `DequantizeLinear` 10 and 13 · x: uint8, int8, int32, uint16, int16, uint4, int4 or a float8 type;
/// x_scale: float, float16 or bfloat16; x_zero_point: the type of x (0 when absent) → y: the type of x_scale.
///
/// `y = (x - x_zero_point) · x_scale`, per tensor or (13) per index of `axis` (default 1), computed in float.
/// Later versions resolve here for these types; `block_size` is reported as unsupported.
final class DequantizeLinearKernel implements Kernel {

    private final long axis;

    DequantizeLinearKernel(NodeSpec spec) {
        axis = spec.intAttr("axis", 1);
        if (spec.intAttr("block_size", 0) != 0) {
            throw new KernelException("blocked quantization (block_size " + spec.intAttr("block_size", 0) + ") is not supported");
        }
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] in, KernelContext context) {
        var x = QuantTensors.input(in, 0, "x", true);
        var scaleTensor = QuantTensors.input(in, 1, "x_scale", true);
        var scale = QuantTensors.reals(scaleTensor, "x_scale");
        var zeroPoint = QuantTensors.input(in, 2, "x_zero_point", false);
        var per = PerAxis.of(x.shape(), axis, scale.length, "x_scale");
        var zp = new float[scale.length];
        if (zeroPoint != null) {
            if (zeroPoint.type() != x.type()) {
                throw new KernelException("x_zero_point is " + zeroPoint.type().onnxName() + ", expected " + x.type().onnxName() + " like x");
            }
            if (zeroPoint.size() != scale.length) {
                throw new KernelException("x_zero_point has " + zeroPoint.size() + " values but x_scale has " + scale.length);
            }
            for (int s = 0; s < zp.length; s++) {
                zp[s] = (float) zeroPoint.getDouble(s);
            }
        }
        var out = Tensor.allocate(scaleTensor.type(), x.shape());
        int n = x.size();
        if (x.type() == ElementType.UINT8 || x.type() == ElementType.INT8) {
            var v = QuantTensors.bytesAsInts(x, "x");
            var y = scaleTensor.type() == ElementType.FLOAT ? out.floats() : null;
            for (int i = 0; i < n; i++) {
                int s = per.index(i);
                float r = ((float) v[i] - zp[s]) * (float) scale[s];
                if (y != null) {
                    y[i] = r;
                } else {
                    out.setDouble(i, r);
                }
            }
        } else {
            QuantTensors.checkQuantized(x, "x");
            for (int i = 0; i < n; i++) {
                int s = per.index(i);
                out.setDouble(i, ((float) x.getDouble(i) - zp[s]) * (float) scale[s]);
            }
        }
        return new RuntimeValue[] {out};
    }
}
