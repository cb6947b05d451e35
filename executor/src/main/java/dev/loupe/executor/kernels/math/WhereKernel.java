package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.simd.Selection;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `Where` (versions 9, 16): `X` where `condition` is true, else `Y`, all three broadcast together; any
/// element type (the values are copied as stored).
final class WhereKernel implements Kernel {

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var cond = Operands.tensor("Where", inputs, 0, "condition");
        var x = Operands.tensor("Where", inputs, 1, "X");
        var y = Operands.tensor("Where", inputs, 2, "Y");
        if (cond.type() != ElementType.BOOL) {
            throw new KernelException("Where condition must be bool but is " + cond.describe());
        }
        Operands.sameType("Where", x, "X", y, "Y");
        var plan = Broadcast.of("Where", cond.shape(), x.shape(), y.shape());
        // float32 results (every element is written below) may take recycled storage in fast mode.
        var out = x.type() == ElementType.FLOAT ? context.output(ElementType.FLOAT, plan.shape())
                : Tensor.allocate(x.type(), plan.shape());
        var c = cond.bytes();
        var dst = out.data();
        var a = x.data();
        var b = y.data();
        int n = plan.rowLength();
        int sc = plan.step(0);
        int sa = plan.step(1);
        int sb = plan.step(2);
        var cur = plan.cursor();
        boolean complex = x.type().kind() == ElementType.Kind.COMPLEX;
        for (int r = 0, oi = 0; r < plan.rows(); r++, oi += n, cur.next()) {
            int ci = cur.offset(0);
            int ai = cur.offset(1);
            int bi = cur.offset(2);
            switch (dst) {
                case float[] d when !complex -> Selection.select(c, ci, sc, (float[]) a, ai, sa, (float[]) b, bi, sb, d, oi, n);
                case double[] d when !complex -> {
                    double[] da = (double[]) a, db = (double[]) b;
                    for (int k = 0; k < n; k++, ci += sc, ai += sa, bi += sb) {
                        d[oi + k] = c[ci] != 0 ? da[ai] : db[bi];
                    }
                }
                case long[] d -> {
                    long[] la = (long[]) a, lb = (long[]) b;
                    for (int k = 0; k < n; k++, ci += sc, ai += sa, bi += sb) {
                        d[oi + k] = c[ci] != 0 ? la[ai] : lb[bi];
                    }
                }
                case int[] d -> {
                    int[] ia = (int[]) a, ib = (int[]) b;
                    for (int k = 0; k < n; k++, ci += sc, ai += sa, bi += sb) {
                        d[oi + k] = c[ci] != 0 ? ia[ai] : ib[bi];
                    }
                }
                case short[] d -> {
                    short[] sa2 = (short[]) a, sb2 = (short[]) b;
                    for (int k = 0; k < n; k++, ci += sc, ai += sa, bi += sb) {
                        d[oi + k] = c[ci] != 0 ? sa2[ai] : sb2[bi];
                    }
                }
                case byte[] d -> {
                    byte[] ba = (byte[]) a, bb = (byte[]) b;
                    for (int k = 0; k < n; k++, ci += sc, ai += sa, bi += sb) {
                        d[oi + k] = c[ci] != 0 ? ba[ai] : bb[bi];
                    }
                }
                case String[] d -> {
                    String[] ta = (String[]) a, tb = (String[]) b;
                    for (int k = 0; k < n; k++, ci += sc, ai += sa, bi += sb) {
                        d[oi + k] = c[ci] != 0 ? ta[ai] : tb[bi];
                    }
                }
                default -> {
                    for (int k = 0; k < n; k++, ci += sc, ai += sa, bi += sb) {
                        System.arraycopy(c[ci] != 0 ? a : b, 2 * (c[ci] != 0 ? ai : bi), dst, 2 * (oi + k), 2);
                    }
                }
            }
        }
        return new RuntimeValue[] {out};
    }
}
