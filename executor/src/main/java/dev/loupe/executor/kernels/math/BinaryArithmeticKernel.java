package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.simd.Parallel;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// Template for elementwise binary operators whose result has the inputs' type (`Add`, `Mul`, `Mod`,
/// `BitShift`...): checks that both inputs share a type, broadcasts them, and hands each output row to the
/// subclass's loop for the [ComputeType]. A subclass overrides the row methods of the types it supports;
/// the others report the type as unsupported.
///
/// Row methods compute `o[oi + k] = f(a[ai + k * as], b[bi + k * bs])` for `k < n`; float rows of one tensor
/// may run on several threads at once.
abstract class BinaryArithmeticKernel implements Kernel {

    private final String op;

    BinaryArithmeticKernel(String op) {
        this.op = op;
    }

    String op() {
        return op;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        return new RuntimeValue[] {apply(Operands.tensor(op, inputs, 0, "A"), Operands.tensor(op, inputs, 1, "B"), context)};
    }

    /// The result of the operator on `a` and `b`, in new storage.
    final Tensor apply(Tensor a, Tensor b) {
        return apply(a, b, null);
    }

    /// The result of the operator on `a` and `b`; a float32 result in storage from `context` when there is one
    /// (the rows cover every element).
    final Tensor apply(Tensor a, Tensor b, KernelContext context) {
        Operands.sameType(op, a, "A", b, "B");
        var plan = Broadcast.of(op, a.shape(), b.shape());
        var type = a.type();
        var shape = plan.shape();
        try {
            return switch (ComputeType.of(type)) {
                case FLOAT -> {
                    var x = Numeric.floats(a);
                    var y = Numeric.floats(b);
                    var o = (type == ElementType.FLOAT && context != null ? context.output(type, shape)
                            : Tensor.allocate(ElementType.FLOAT, shape)).floats();
                    floats(plan, x, y, o, context == null ? 1 : context.threads());
                    yield Numeric.fromFloats(type, shape, o);
                }
                case DOUBLE -> {
                    var x = a.doubles();
                    var y = b.doubles();
                    var out = Tensor.allocate(type, shape);
                    var o = out.doubles();
                    var c = plan.cursor();
                    for (int r = 0, oi = 0; r < plan.rows(); r++, oi += plan.rowLength(), c.next()) {
                        doubleRow(x, c.offset(0), plan.step(0), y, c.offset(1), plan.step(1), o, oi, plan.rowLength());
                    }
                    yield out;
                }
                case INT -> {
                    var x = Numeric.ints(a);
                    var y = Numeric.ints(b);
                    var o = Tensor.allocate(ElementType.INT32, shape).ints();
                    var c = plan.cursor();
                    for (int r = 0, oi = 0; r < plan.rows(); r++, oi += plan.rowLength(), c.next()) {
                        intRow(x, c.offset(0), plan.step(0), y, c.offset(1), plan.step(1), o, oi, plan.rowLength());
                    }
                    yield Numeric.fromInts(type, shape, o);
                }
                case LONG, ULONG -> {
                    boolean unsigned = type == ElementType.UINT64;
                    var x = Numeric.longs(a);
                    var y = Numeric.longs(b);
                    var o = Tensor.allocate(ElementType.INT64, shape).longs();
                    var c = plan.cursor();
                    for (int r = 0, oi = 0; r < plan.rows(); r++, oi += plan.rowLength(), c.next()) {
                        if (unsigned) {
                            unsignedLongRow(x, c.offset(0), plan.step(0), y, c.offset(1), plan.step(1), o, oi, plan.rowLength());
                        } else {
                            longRow(x, c.offset(0), plan.step(0), y, c.offset(1), plan.step(1), o, oi, plan.rowLength());
                        }
                    }
                    yield Numeric.fromLongs(type, shape, o);
                }
                default -> throw UnsupportedType.INSTANCE;
            };
        } catch (UnsupportedType e) {
            throw KernelException.unsupportedType(op + " input", type);
        }
    }

    /// The float rows of `plan`, in pieces on up to `threads` threads when there are enough elements: whole
    /// rows, or pieces of the single row of operands that broadcast to one row.
    private void floats(Broadcast plan, float[] x, float[] y, float[] o, int threads) {
        int rowLength = plan.rowLength();
        if (plan.rows() == 1) {
            int as = plan.step(0);
            int bs = plan.step(1);
            Parallel.forElements(rowLength, threads,
                    (from, to) -> floatRow(x, from * as, as, y, from * bs, bs, o, from, to - from));
            return;
        }
        Parallel.forRows(plan.rows(), rowLength, threads, (first, end) -> {
            var c = plan.cursor(first);
            for (int r = first, oi = first * rowLength; r < end; r++, oi += rowLength, c.next()) {
                floatRow(x, c.offset(0), plan.step(0), y, c.offset(1), plan.step(1), o, oi, rowLength);
            }
        });
    }

    void floatRow(float[] a, int ai, int as, float[] b, int bi, int bs, float[] o, int oi, int n) {
        throw UnsupportedType.INSTANCE;
    }

    void doubleRow(double[] a, int ai, int as, double[] b, int bi, int bs, double[] o, int oi, int n) {
        throw UnsupportedType.INSTANCE;
    }

    /// For int8–int32, uint8, uint16 and bool (widened; the result is wrapped back to the type).
    void intRow(int[] a, int ai, int as, int[] b, int bi, int bs, int[] o, int oi, int n) {
        throw UnsupportedType.INSTANCE;
    }

    /// For int64 and uint32 (widened, so non-negative).
    void longRow(long[] a, int ai, int as, long[] b, int bi, int bs, long[] o, int oi, int n) {
        throw UnsupportedType.INSTANCE;
    }

    /// For uint64; the same as [#longRow] unless the operator depends on the sign.
    void unsignedLongRow(long[] a, int ai, int as, long[] b, int bi, int bs, long[] o, int oi, int n) {
        longRow(a, ai, as, b, bi, bs, o, oi, n);
    }
}
