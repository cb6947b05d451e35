package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.simd.Parallel;
import dev.loupe.executor.simd.VectorLoops;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `Softmax`, `LogSoftmax` and `Hardmax` (versions 1, 11, 13). Before version 13 the input is seen as a 2-D
/// matrix flattened at `axis` (default 1) and each row is normalized; from 13 the values along `axis`
/// (default -1) are. Computed in `double` around the maximum, so large inputs do not overflow; float32
/// `Softmax` over contiguous rows runs in float vectors ([VectorLoops#softmax]).
final class SoftmaxKernel implements Kernel {

    /// Which of the three operators.
    enum Kind { SOFTMAX, LOG_SOFTMAX, HARDMAX }

    private final Kind kind;
    private final boolean flatten;
    private final long axis;

    SoftmaxKernel(NodeSpec spec, Kind kind) {
        this.kind = kind;
        this.flatten = spec.opsetVersion() < 13;
        this.axis = spec.intAttr("axis", flatten ? 1 : -1);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var op = switch (kind) {
            case SOFTMAX -> "Softmax";
            case LOG_SOFTMAX -> "LogSoftmax";
            case HARDMAX -> "Hardmax";
        };
        var x = Operands.tensor(op, inputs, 0, "input");
        if (!x.type().isFloatingPoint()) {
            throw KernelException.unsupportedType(op + " input", x.type());
        }
        var shape = x.shape();
        if (shape.length == 0) {
            throw new KernelException(op + " needs an input of rank 1 or more, got " + x.describe());
        }
        int a;
        try {
            a = flatten && axis == shape.length ? shape.length : Shapes.normalizeAxis(axis, shape.length);
        } catch (IllegalArgumentException e) {
            throw new KernelException(op + " axis " + axis + " is out of range for input " + x.describe());
        }
        var split = flatten ? AxisSplit.flattenedAt(shape, a) : AxisSplit.around(shape, a);
        if (kind == Kind.SOFTMAX && x.type() == ElementType.FLOAT && split.inner() == 1) {
            var in = x.floats();
            var out = context.output(ElementType.FLOAT, shape);
            var o = out.floats();
            int n = split.n();
            Parallel.forRows(split.outer(), n, context.threads(), (first, end) -> {
                for (int row = first; row < end; row++) {
                    VectorLoops.softmax(in, row * n, n, o, row * n);
                }
            });
            return new RuntimeValue[] {out};
        }
        var v = Numeric.doubles(x);
        var o = new double[v.length];
        for (int outer = 0; outer < split.outer(); outer++) {
            for (int i = 0; i < split.inner(); i++) {
                normalize(v, o, outer * split.n() * split.inner() + i, split.n(), split.inner());
            }
        }
        return new RuntimeValue[] {Numeric.fromDoubles(x.type(), shape, o)};
    }

    private void normalize(double[] v, double[] o, int base, int n, int stride) {
        double max = Double.NEGATIVE_INFINITY;
        int argMax = 0;
        for (int k = 0; k < n; k++) {
            double e = v[base + k * stride];
            if (e > max) {
                max = e;
                argMax = k;
            }
        }
        if (kind == Kind.HARDMAX) {
            for (int k = 0; k < n; k++) {
                o[base + k * stride] = k == argMax ? 1 : 0;
            }
            return;
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += Math.exp(v[base + k * stride] - max);
        }
        double logSum = Math.log(sum);
        for (int k = 0; k < n; k++) {
            int idx = base + k * stride;
            o[idx] = kind == Kind.SOFTMAX ? Math.exp(v[idx] - max) / sum : v[idx] - max - logSum;
        }
    }
}
