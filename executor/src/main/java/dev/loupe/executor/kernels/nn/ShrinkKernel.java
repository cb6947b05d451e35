package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.EnumSet;

/// `Shrink` (version 9), numeric types: `x + bias` below `-lambd`, `x - bias` above `lambd`, 0 between.
final class ShrinkKernel extends NnKernel {

    private static final EnumSet<ElementType> TYPES = EnumSet.of(ElementType.FLOAT, ElementType.DOUBLE,
            ElementType.FLOAT16, ElementType.BFLOAT16, ElementType.INT8, ElementType.UINT8, ElementType.INT16,
            ElementType.UINT16, ElementType.INT32, ElementType.UINT32, ElementType.INT64, ElementType.UINT64);

    private final double lambd;
    private final double bias;

    ShrinkKernel(NodeSpec node) {
        super("input", TYPES, 0);
        this.lambd = node.floatAttr("lambd", 0.5f);
        this.bias = node.floatAttr("bias", 0f);
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        var xv = Numbers.toDoubles(x);
        var y = new double[xv.length];
        for (int i = 0; i < xv.length; i++) {
            double v = xv[i];
            y[i] = v < -lambd ? v + bias : v > lambd ? v - bias : 0;
        }
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), x.shape(), y)};
    }
}
