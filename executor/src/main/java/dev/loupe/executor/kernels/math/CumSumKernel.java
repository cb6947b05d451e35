package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;

/// `CumSum` (versions 11, 14): running sums along the axis given by the scalar input `axis`; `exclusive = 1`
/// leaves out the current element, `reverse = 1` sums from the end. Floats in `double`, integers in `long`.
final class CumSumKernel implements Kernel {

    private final boolean exclusive;
    private final boolean reverse;

    CumSumKernel(NodeSpec spec) {
        this.exclusive = spec.intAttr("exclusive", 0) != 0;
        this.reverse = spec.intAttr("reverse", 0) != 0;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var x = Operands.tensor("CumSum", inputs, 0, "x");
        long axis = Operands.scalarLong("CumSum", Operands.tensor("CumSum", inputs, 1, "axis"), "axis");
        int a;
        try {
            a = Shapes.normalizeAxis(axis, x.rank());
        } catch (IllegalArgumentException e) {
            throw new KernelException("CumSum axis " + axis + " is out of range for input " + x.describe());
        }
        var s = AxisSplit.around(x.shape(), a);
        if (x.type().isInteger()) {
            var v = Numeric.longs(x);
            var o = new long[v.length];
            for (int outer = 0; outer < s.outer(); outer++) {
                for (int i = 0; i < s.inner(); i++) {
                    long acc = 0;
                    for (int step = 0; step < s.n(); step++) {
                        int k = reverse ? s.n() - 1 - step : step;
                        int idx = (outer * s.n() + k) * s.inner() + i;
                        if (exclusive) {
                            o[idx] = acc;
                            acc += v[idx];
                        } else {
                            acc += v[idx];
                            o[idx] = acc;
                        }
                    }
                }
            }
            return new RuntimeValue[] {Numeric.fromLongs(x.type(), x.shape(), o)};
        }
        if (!x.type().isFloatingPoint()) {
            throw KernelException.unsupportedType("CumSum input x", x.type());
        }
        var v = Numeric.doubles(x);
        var o = new double[v.length];
        for (int outer = 0; outer < s.outer(); outer++) {
            for (int i = 0; i < s.inner(); i++) {
                double acc = 0;
                for (int step = 0; step < s.n(); step++) {
                    int k = reverse ? s.n() - 1 - step : step;
                    int idx = (outer * s.n() + k) * s.inner() + i;
                    if (exclusive) {
                        o[idx] = acc;
                        acc += v[idx];
                    } else {
                        acc += v[idx];
                        o[idx] = acc;
                    }
                }
            }
        }
        return new RuntimeValue[] {Numeric.fromDoubles(x.type(), x.shape(), o)};
    }
}
