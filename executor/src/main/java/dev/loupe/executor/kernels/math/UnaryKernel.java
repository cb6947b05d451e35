package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.ElementwiseKernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.simd.Parallel;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// Template for elementwise unary operators whose result has the input's type and shape (`Abs`, `Exp`,
/// `Relu`...): widens the input to its [ComputeType], runs the subclass's loop over the whole array and
/// narrows the result back (large float tensors in pieces on several threads). A subclass overrides the loops
/// of the types it supports; the others report the type as unsupported. Loops compute `o[i] = f(x[i])` for
/// every `i`.
abstract class UnaryKernel implements ElementwiseKernel {

    private final String op;

    UnaryKernel(String op) {
        this.op = op;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        return new RuntimeValue[] {apply(Operands.tensor(op, inputs, 0, "X"), context)};
    }

    /// The result of the operator on `x`; a float32 result in storage from `context` (the loops write every
    /// element).
    final Tensor apply(Tensor x, KernelContext context) {
        var type = x.type();
        var shape = x.shape();
        try {
            return switch (ComputeType.of(type)) {
                case FLOAT -> {
                    var o = (type == ElementType.FLOAT ? context.output(type, shape) : Tensor.allocate(ElementType.FLOAT, shape)).floats();
                    var in = Numeric.floats(x);
                    Parallel.forElements(in.length, context.threads(), (from, to) -> floats(in, o, from, to));
                    yield Numeric.fromFloats(type, shape, o);
                }
                case DOUBLE -> {
                    var out = Tensor.allocate(type, shape);
                    doubles(x.doubles(), out.doubles());
                    yield out;
                }
                case INT -> {
                    var o = Tensor.allocate(ElementType.INT32, shape).ints();
                    ints(Numeric.ints(x), o, type.kind() == ElementType.Kind.UNSIGNED || type == ElementType.BOOL);
                    yield Numeric.fromInts(type, shape, o);
                }
                case LONG, ULONG -> {
                    var o = Tensor.allocate(ElementType.INT64, shape).longs();
                    longs(Numeric.longs(x), o, type.kind() == ElementType.Kind.UNSIGNED);
                    yield Numeric.fromLongs(type, shape, o);
                }
                default -> throw UnsupportedType.INSTANCE;
            };
        } catch (UnsupportedType e) {
            throw KernelException.unsupportedType(op + " input", type);
        }
    }

    @Override
    public final boolean takesFloats() {
        try {
            floats(new float[0], new float[0], 0, 0);
            return true;
        } catch (UnsupportedType e) {
            return false;
        }
    }

    /// `o[i] = f(x[i])` for `from <= i < to` (pieces of one tensor may run on several threads at once); a
    /// subclass without float32 loops leaves it as it is, throwing for every range (the empty one too).
    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        throw UnsupportedType.INSTANCE;
    }

    void doubles(double[] x, double[] o) {
        throw UnsupportedType.INSTANCE;
    }

    /// For int8–int32, uint8, uint16 (`unsigned` for the last two; values are widened, so non-negative).
    void ints(int[] x, int[] o, boolean unsigned) {
        throw UnsupportedType.INSTANCE;
    }

    /// For int64, uint32 and uint64 (`unsigned` for the last two).
    void longs(long[] x, long[] o, boolean unsigned) {
        throw UnsupportedType.INSTANCE;
    }
}
