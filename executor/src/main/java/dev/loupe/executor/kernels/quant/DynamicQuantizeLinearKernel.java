package dev.loupe.executor.kernels.quant;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `DynamicQuantizeLinear` 11 · x: float → y: uint8, y_scale: float scalar, y_zero_point: uint8 scalar.
///
/// The range `[min(0, min x), max(0, max x)]` is mapped onto `[0, 255]`: `y_scale = (max - min) / 255`,
/// `y_zero_point = saturate(round(-min / y_scale))`, `y = saturate(round(x / y_scale) + y_zero_point)`, in
/// float with rounding half to even. An all-zero x gives scale 0, zero point 0 and y 0.
final class DynamicQuantizeLinearKernel implements Kernel {

    DynamicQuantizeLinearKernel(NodeSpec spec) {
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] in, KernelContext context) {
        var x = QuantTensors.input(in, 0, "x", true);
        if (x.type() != ElementType.FLOAT) {
            throw new KernelException("input x of type " + x.type().onnxName() + " is not supported; expected float");
        }
        var v = x.floats();
        float min = 0;
        float max = 0;
        for (float f : v) {
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        float scale = (max - min) / 255f;
        var out = Tensor.allocate(ElementType.UINT8, x.shape());
        var y = out.bytes();
        int zp = 0;
        if (scale != 0) {
            zp = QuantTensors.saturate(Math.rint((0f - min) / scale), ElementType.UINT8) & 0xFF;
            for (int i = 0; i < v.length; i++) {
                y[i] = QuantTensors.saturate(Math.rint(v[i] / scale) + zp, ElementType.UINT8);
            }
        }
        return new RuntimeValue[] {out, Tensor.scalar(scale),
                Tensor.of(ElementType.UINT8, new long[0], new byte[] {(byte) zp})};
    }
}
