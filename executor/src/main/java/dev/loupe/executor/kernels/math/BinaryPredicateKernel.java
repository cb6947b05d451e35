package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// Template for elementwise binary operators with a bool result (comparisons and logic): checks that both
/// inputs share a type, broadcasts them and hands each output row to the subclass's loop for the
/// [ComputeType]. Row methods set `o[oi + k]` to 1 or 0 from `a[ai + k * as]` and `b[bi + k * bs]`.
abstract class BinaryPredicateKernel implements Kernel {

    private final String op;

    BinaryPredicateKernel(String op) {
        this.op = op;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var a = Operands.tensor(op, inputs, 0, "A");
        var b = Operands.tensor(op, inputs, 1, "B");
        Operands.sameType(op, a, "A", b, "B");
        var plan = Broadcast.of(op, a.shape(), b.shape());
        var out = Tensor.allocate(ElementType.BOOL, plan.shape());
        var o = out.bytes();
        int n = plan.rowLength();
        int sa = plan.step(0);
        int sb = plan.step(1);
        var c = plan.cursor();
        try {
            switch (ComputeType.of(a.type())) {
                case FLOAT -> {
                    var x = Numeric.floats(a);
                    var y = Numeric.floats(b);
                    for (int r = 0, oi = 0; r < plan.rows(); r++, oi += n, c.next()) {
                        floatRow(x, c.offset(0), sa, y, c.offset(1), sb, o, oi, n);
                    }
                }
                case DOUBLE -> {
                    var x = a.doubles();
                    var y = b.doubles();
                    for (int r = 0, oi = 0; r < plan.rows(); r++, oi += n, c.next()) {
                        doubleRow(x, c.offset(0), sa, y, c.offset(1), sb, o, oi, n);
                    }
                }
                case INT -> {
                    if (acceptsOnlyBool() && a.type() != ElementType.BOOL) {
                        throw UnsupportedType.INSTANCE;
                    }
                    var x = Numeric.ints(a);
                    var y = Numeric.ints(b);
                    for (int r = 0, oi = 0; r < plan.rows(); r++, oi += n, c.next()) {
                        intRow(x, c.offset(0), sa, y, c.offset(1), sb, o, oi, n);
                    }
                }
                case LONG, ULONG -> {
                    boolean unsigned = a.type() == ElementType.UINT64;
                    var x = Numeric.longs(a);
                    var y = Numeric.longs(b);
                    for (int r = 0, oi = 0; r < plan.rows(); r++, oi += n, c.next()) {
                        if (unsigned) {
                            unsignedLongRow(x, c.offset(0), sa, y, c.offset(1), sb, o, oi, n);
                        } else {
                            longRow(x, c.offset(0), sa, y, c.offset(1), sb, o, oi, n);
                        }
                    }
                }
                case STRING -> {
                    var x = a.strings();
                    var y = b.strings();
                    for (int r = 0, oi = 0; r < plan.rows(); r++, oi += n, c.next()) {
                        stringRow(x, c.offset(0), sa, y, c.offset(1), sb, o, oi, n);
                    }
                }
                default -> throw UnsupportedType.INSTANCE;
            }
        } catch (UnsupportedType e) {
            throw KernelException.unsupportedType(op + " input", a.type());
        }
        return new RuntimeValue[] {out};
    }

    /// Whether only bool inputs are allowed (the logic operators).
    boolean acceptsOnlyBool() {
        return false;
    }

    void floatRow(float[] a, int ai, int as, float[] b, int bi, int bs, byte[] o, int oi, int n) {
        throw UnsupportedType.INSTANCE;
    }

    void doubleRow(double[] a, int ai, int as, double[] b, int bi, int bs, byte[] o, int oi, int n) {
        throw UnsupportedType.INSTANCE;
    }

    /// For int8–int32, uint8, uint16 and bool (widened).
    void intRow(int[] a, int ai, int as, int[] b, int bi, int bs, byte[] o, int oi, int n) {
        throw UnsupportedType.INSTANCE;
    }

    /// For int64 and uint32 (widened, so non-negative).
    void longRow(long[] a, int ai, int as, long[] b, int bi, int bs, byte[] o, int oi, int n) {
        throw UnsupportedType.INSTANCE;
    }

    void unsignedLongRow(long[] a, int ai, int as, long[] b, int bi, int bs, byte[] o, int oi, int n) {
        longRow(a, ai, as, b, bi, bs, o, oi, n);
    }

    void stringRow(String[] a, int ai, int as, String[] b, int bi, int bs, byte[] o, int oi, int n) {
        throw UnsupportedType.INSTANCE;
    }
}
