package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `IsNaN` (versions 9, 13, 20) and `IsInf` (versions 10, 20, with `detect_positive` and `detect_negative`):
/// a bool tensor marking the elements of a float tensor that are NaN, or infinite.
final class FloatTestKernel implements Kernel {

    private final String op;
    private final boolean nan;
    private final boolean positive;
    private final boolean negative;

    private FloatTestKernel(String op, boolean nan, boolean positive, boolean negative) {
        this.op = op;
        this.nan = nan;
        this.positive = positive;
        this.negative = negative;
    }

    static FloatTestKernel isNaN() {
        return new FloatTestKernel("IsNaN", true, false, false);
    }

    static FloatTestKernel isInf(NodeSpec spec) {
        return new FloatTestKernel("IsInf", false, spec.intAttr("detect_positive", 1) != 0, spec.intAttr("detect_negative", 1) != 0);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var x = Operands.tensor(op, inputs, 0, "X");
        if (!x.type().isFloatingPoint()) {
            throw KernelException.unsupportedType(op + " input", x.type());
        }
        var out = Tensor.allocate(ElementType.BOOL, x.shape());
        var o = out.bytes();
        var v = Numeric.doubles(x);
        for (int i = 0; i < v.length; i++) {
            double d = v[i];
            boolean hit = nan ? Double.isNaN(d) : (positive && d == Double.POSITIVE_INFINITY) || (negative && d == Double.NEGATIVE_INFINITY);
            o[i] = (byte) (hit ? 1 : 0);
        }
        return new RuntimeValue[] {out};
    }
}
