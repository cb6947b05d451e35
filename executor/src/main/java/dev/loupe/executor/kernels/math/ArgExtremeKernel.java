package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `ArgMax` and `ArgMin` (versions 1, 11, 12, 13): the int64 index of the largest (smallest) element along
/// `axis`, the first one unless `select_last_index = 1`; the axis is kept as size 1 when `keepdims = 1`.
/// A NaN counts as the extreme, as in NumPy.
final class ArgExtremeKernel implements Kernel {

    private final String op;
    private final boolean max;
    private final long axis;
    private final boolean keepDims;
    private final boolean last;

    ArgExtremeKernel(NodeSpec spec, boolean max) {
        this.op = max ? "ArgMax" : "ArgMin";
        this.max = max;
        this.axis = spec.intAttr("axis", 0);
        this.keepDims = spec.intAttr("keepdims", 1) != 0;
        this.last = spec.intAttr("select_last_index", 0) != 0;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var data = Operands.tensor(op, inputs, 0, "data");
        if (!data.type().isFloatingPoint() && !data.type().isInteger()) {
            throw KernelException.unsupportedType(op + " input", data.type());
        }
        var shape = data.shape();
        int a;
        try {
            a = Shapes.normalizeAxis(axis, shape.length);
        } catch (IllegalArgumentException e) {
            throw new KernelException(op + " axis " + axis + " is out of range for input " + data.describe());
        }
        var split = AxisSplit.around(shape, a);
        if (split.n() == 0) {
            throw new KernelException(op + " cannot pick an index along an empty axis of " + data.describe());
        }
        var out = new long[split.outer() * split.inner()];
        if (data.type().isInteger() && data.type() != ElementType.UINT64) {
            scanLongs(Numeric.longs(data), split, out);
        } else {
            scanDoubles(Numeric.doubles(data), split, out);
        }
        var outShape = keepDims ? shape.clone() : new long[shape.length - 1];
        if (keepDims) {
            outShape[a] = 1;
        } else {
            for (int d = 0, j = 0; d < shape.length; d++) {
                if (d != a) {
                    outShape[j++] = shape[d];
                }
            }
        }
        return new RuntimeValue[] {Tensor.ofLongs(outShape, out)};
    }

    private void scanDoubles(double[] x, AxisSplit s, long[] out) {
        for (int o = 0; o < s.outer(); o++) {
            for (int i = 0; i < s.inner(); i++) {
                int base = o * s.n() * s.inner() + i;
                int best = 0;
                double bv = x[base];
                for (int k = 1; k < s.n() && !Double.isNaN(bv); k++) {
                    double v = x[base + k * s.inner()];
                    if (Double.isNaN(v) || (max ? v > bv : v < bv) || (last && v == bv)) {
                        best = k;
                        bv = v;
                    }
                }
                out[o * s.inner() + i] = best;
            }
        }
    }

    private void scanLongs(long[] x, AxisSplit s, long[] out) {
        for (int o = 0; o < s.outer(); o++) {
            for (int i = 0; i < s.inner(); i++) {
                int base = o * s.n() * s.inner() + i;
                int best = 0;
                long bv = x[base];
                for (int k = 1; k < s.n(); k++) {
                    long v = x[base + k * s.inner()];
                    if ((max ? v > bv : v < bv) || (last && v == bv)) {
                        best = k;
                        bv = v;
                    }
                }
                out[o * s.inner() + i] = best;
            }
        }
    }
}
