package dev.loupe.executor.kernels.quant;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `QLinearConv` 10 · x, w, y_zero_point: uint8 or int8; x_scale, w_scale (scalar or one per output
/// channel), y_scale: float; B: int32 → y: the type of y_zero_point.
///
/// The integer convolution of `x - x_zero_point` with `w - w_zero_point`, plus `B`, is rescaled by
/// `x_scale · w_scale / y_scale`, rounded half to even, offset by `y_zero_point` and saturated.
final class QLinearConvKernel implements Kernel {

    private final ConvGeometry.Attributes attributes;

    QLinearConvKernel(NodeSpec spec) {
        attributes = ConvGeometry.Attributes.of(spec);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] in, KernelContext context) {
        var x = QuantTensors.input(in, 0, "x", true);
        float xScale = QuantTensors.scalar(QuantTensors.input(in, 1, "x_scale", true), "x_scale");
        var w = QuantTensors.input(in, 3, "w", true);
        var wScale = QuantTensors.scales(QuantTensors.input(in, 4, "w_scale", true), "w_scale");
        float yScale = QuantTensors.scalar(QuantTensors.input(in, 6, "y_scale", true), "y_scale");
        var yZero = QuantTensors.input(in, 7, "y_zero_point", true);
        int yz = QuantTensors.bytesAsInts(yZero, "y_zero_point")[0];
        var bias = QuantTensors.input(in, 8, "B", false);
        var g = ConvGeometry.of(attributes, x.shape(), w.shape());
        if (wScale.length != 1 && wScale.length != g.maps()) {
            throw new KernelException("input w_scale has " + wScale.length + " values, expected 1 or " + g.maps());
        }
        if (bias != null && (bias.type() != ElementType.INT32 || bias.size() != g.maps())) {
            throw new KernelException("input B must be int32[" + g.maps() + "], got " + bias.describe());
        }
        var xv = QuantTensors.shifted(x, "x", QuantTensors.input(in, 2, "x_zero_point", true), -1);
        var wv = QuantTensors.shifted(w, "w", QuantTensors.input(in, 5, "w_zero_point", true), 0);
        var acc = IntegerConvolution.convolve(xv, wv, g);
        var out = Tensor.allocate(yZero.type(), g.outputShape());
        var y = out.bytes();
        int perMap = acc.length / Math.max(1, g.batch() * g.maps());
        for (int i = 0; i < acc.length; i++) {
            int m = (i / Math.max(1, perMap)) % g.maps();
            float multiplier = xScale * wScale[wScale.length == 1 ? 0 : m] / yScale;
            int sum = acc[i] + (bias == null ? 0 : bias.ints()[m]);
            y[i] = QuantTensors.saturate(Math.rint(sum * (double) multiplier) + yz, yZero.type());
        }
        return new RuntimeValue[] {out};
    }
}
