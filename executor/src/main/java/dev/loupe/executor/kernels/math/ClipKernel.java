package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.simd.VectorLoops;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `Clip` (versions 1, 6 with `min`/`max` attributes; 11, 12, 13 with optional scalar inputs `min` and
/// `max`): limits every element to `[min, max]`. Floats keep NaN; integers from version 12.
final class ClipKernel implements Kernel {

    private final boolean boundsAsInputs;
    private final double minAttr;
    private final double maxAttr;

    ClipKernel(NodeSpec spec) {
        this.boundsAsInputs = spec.opsetVersion() >= 11;
        this.minAttr = spec.floatAttr("min", -Float.MAX_VALUE);
        this.maxAttr = spec.floatAttr("max", Float.MAX_VALUE);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var x = Operands.tensor("Clip", inputs, 0, "input");
        var lo = boundsAsInputs ? Operands.optionalTensor("Clip", inputs, 1, "min") : null;
        var hi = boundsAsInputs ? Operands.optionalTensor("Clip", inputs, 2, "max") : null;
        for (var bound : new Tensor[] {lo, hi}) {
            if (bound != null && (bound.type() != x.type() || bound.size() != 1)) {
                throw new KernelException("Clip bounds must be single values of the input's type " + x.type().onnxName()
                        + ", got " + bound.describe());
            }
        }
        if (x.type() == ElementType.FLOAT) {
            float min = lo != null ? lo.floats()[0] : boundsAsInputs ? Float.NEGATIVE_INFINITY : (float) minAttr;
            float max = hi != null ? hi.floats()[0] : boundsAsInputs ? Float.POSITIVE_INFINITY : (float) maxAttr;
            var out = context.output(ElementType.FLOAT, x.shape());
            VectorLoops.clip(x.floats(), min, max, out.floats());
            return new RuntimeValue[] {out};
        }
        if (x.type().isFloatingPoint()) {
            double min = lo != null ? lo.getDouble(0) : boundsAsInputs ? Double.NEGATIVE_INFINITY : minAttr;
            double max = hi != null ? hi.getDouble(0) : boundsAsInputs ? Double.POSITIVE_INFINITY : maxAttr;
            var v = Numeric.doubles(x);
            var o = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                double d = v[i];
                o[i] = d < min ? min : d > max ? max : d;
            }
            return new RuntimeValue[] {Numeric.fromDoubles(x.type(), x.shape(), o)};
        }
        if (!x.type().isInteger()) {
            throw KernelException.unsupportedType("Clip input", x.type());
        }
        boolean unsigned = x.type() == ElementType.UINT64;
        long min = lo != null ? lo.getLong(0) : unsigned ? 0 : Long.MIN_VALUE;
        long max = hi != null ? hi.getLong(0) : unsigned ? -1 : Long.MAX_VALUE;
        var v = Numeric.longs(x);
        var o = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            long d = v[i];
            if (unsigned) {
                o[i] = Long.compareUnsigned(d, min) < 0 ? min : Long.compareUnsigned(d, max) > 0 ? max : d;
            } else {
                o[i] = d < min ? min : d > max ? max : d;
            }
        }
        return new RuntimeValue[] {Numeric.fromLongs(x.type(), x.shape(), o)};
    }
}
