package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.simd.Reductions;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// Template for the `Reduce*` operators: reads the axes (the `axes` attribute, or from `ReduceSum` 13 and
/// the others' version 18 the optional `axes` input with `noop_with_empty_axes`), gathers the elements of
/// each output position into one contiguous run and hands every run to the subclass's fold. Floats are
/// folded in `double`, except non-empty float32 data of an operator with a float reduction
/// ([#reducesFloats()]), folded in float on the vector kernels over any axes, in place ([FloatReduction]).
/// Integers are folded in `long` when the subclass has an integer fold, else in `double` and truncated.
abstract class ReduceKernel implements Kernel {

    private final String op;
    private final boolean keepDims;
    private final boolean axesFromInput;
    private final boolean noopWithEmptyAxes;
    private final long[] axesAttr;

    ReduceKernel(String op, NodeSpec spec) {
        this.op = op;
        this.keepDims = spec.intAttr("keepdims", 1) != 0;
        this.axesFromInput = spec.opsetVersion() >= (op.equals("ReduceSum") ? 13 : 18);
        this.noopWithEmptyAxes = spec.intAttr("noop_with_empty_axes", 0) != 0;
        this.axesAttr = spec.intsAttr("axes", null);
    }

    /// The fold of `n` values starting at `from` (floats and, without an integer fold, integers).
    abstract double fold(double[] x, int from, int n);

    /// Whether [#fold(long[], int, int)] is exact for integers (sums, products, extremes).
    boolean foldsIntegers() {
        return false;
    }

    long fold(long[] x, int from, int n) {
        throw UnsupportedType.INSTANCE;
    }

    /// The fold of float32 data on the vector kernels, or `null` to fold it in `double`.
    Reductions.Fold floatFold() {
        return null;
    }

    /// The operator's result from the [#floatFold()] of `n` elements (the fold itself by default).
    float finish(float folded, int n) {
        return folded;
    }

    /// Whether float32 data is reduced on the vector kernels ([#reduceFloats]) rather than in `double`.
    boolean reducesFloats() {
        return floatFold() != null;
    }

    /// Reduces the `size` (at least 1) float32 elements of `x` over the `reduced` axes into `out`, each output
    /// from `runLength` elements: the [#floatFold()] through [FloatReduction], then [#finish].
    void reduceFloats(float[] x, int size, long[] shape, boolean[] reduced, float[] out, int runLength) {
        FloatReduction.reduce(floatFold(), x, size, shape, reduced, out);
        for (int i = 0; i < out.length; i++) {
            out[i] = finish(out[i], runLength);
        }
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var data = Operands.tensor(op, inputs, 0, "data");
        long[] axes = axesAttr;
        if (axesFromInput) {
            var t = Operands.optionalTensor(op, inputs, 1, "axes");
            axes = t == null ? null : Operands.longs(op, t, "axes");
        }
        if ((axes == null || axes.length == 0) && noopWithEmptyAxes) {
            return new RuntimeValue[] {data};
        }
        int rank = data.rank();
        var reduced = new boolean[rank];
        if (axes == null || axes.length == 0) {
            java.util.Arrays.fill(reduced, true);
        } else {
            for (long a : axes) {
                try {
                    reduced[Shapes.normalizeAxis(a, rank)] = true;
                } catch (IllegalArgumentException e) {
                    throw new KernelException(op + " axis " + a + " is out of range for input " + data.describe());
                }
            }
        }
        return new RuntimeValue[] {reduce(data, reduced, context)};
    }

    private Tensor reduce(Tensor data, boolean[] reduced, KernelContext context) {
        var shape = data.shape();
        var outShape = outputShape(shape, reduced);
        int runLength = 1;
        for (int d = 0; d < shape.length; d++) {
            if (reduced[d]) {
                runLength *= (int) shape[d];
            }
        }
        int outputs = Shapes.checkedSize(outShape);
        var type = data.type();
        if (type == ElementType.FLOAT && reducesFloats() && data.size() > 0) {
            var out = context.output(type, outShape);
            reduceFloats(data.floats(), data.size(), shape, reduced, out.floats(), runLength);
            return out;
        }
        try {
            if (type.isInteger() && foldsIntegers()) {
                var runs = Gather.runs(Numeric.longs(data), shape, reduced);
                var o = new long[outputs];
                for (int i = 0; i < outputs; i++) {
                    o[i] = fold(runs, i * runLength, runLength);
                }
                return Numeric.fromLongs(type, outShape, o);
            }
            if (!type.isInteger() && !type.isFloatingPoint()) {
                throw UnsupportedType.INSTANCE;
            }
            var runs = Gather.runs(Numeric.doubles(data), shape, reduced);
            var o = new double[outputs];
            for (int i = 0; i < outputs; i++) {
                o[i] = fold(runs, i * runLength, runLength);
            }
            return Numeric.fromDoubles(type, outShape, o);
        } catch (UnsupportedType e) {
            throw KernelException.unsupportedType(op + " input", type);
        }
    }

    private long[] outputShape(long[] shape, boolean[] reduced) {
        var out = new java.util.ArrayList<Long>();
        for (int d = 0; d < shape.length; d++) {
            if (!reduced[d]) {
                out.add(shape[d]);
            } else if (keepDims) {
                out.add(1L);
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }
}
