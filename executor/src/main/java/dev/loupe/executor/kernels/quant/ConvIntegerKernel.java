package dev.loupe.executor.kernels.quant;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `ConvInteger` 10 · x, w: uint8 or int8; x_zero_point (scalar), w_zero_point (scalar or one per output
/// channel) → y: int32.
///
/// `Conv` of `x - x_zero_point` with `w - w_zero_point` (padding contributes zero), accumulated in int32, with
/// `Conv`'s attributes.
final class ConvIntegerKernel implements Kernel {

    private final ConvGeometry.Attributes attributes;

    ConvIntegerKernel(NodeSpec spec) {
        attributes = ConvGeometry.Attributes.of(spec);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] in, KernelContext context) {
        var x = QuantTensors.input(in, 0, "x", true);
        var w = QuantTensors.input(in, 1, "w", true);
        var g = ConvGeometry.of(attributes, x.shape(), w.shape());
        var xv = QuantTensors.shifted(x, "x", QuantTensors.input(in, 2, "x_zero_point", false), -1);
        var wv = QuantTensors.shifted(w, "w", QuantTensors.input(in, 3, "w_zero_point", false), 0);
        var y = IntegerConvolution.convolve(xv, wv, g);
        return new RuntimeValue[] {Tensor.of(ElementType.INT32, g.outputShape(), y)};
    }
}
