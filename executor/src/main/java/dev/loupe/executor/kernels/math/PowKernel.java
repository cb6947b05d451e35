package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `Pow` (versions 1, 7, 12, 13, 15): `X ^ Y` with broadcasting; the exponent may have another numeric type
/// than the base, and the result has the base's type. Integer powers of integers are exact; everything else
/// is computed in `double`.
final class PowKernel implements Kernel {

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var x = Operands.tensor("Pow", inputs, 0, "X");
        var y = Operands.tensor("Pow", inputs, 1, "Y");
        var plan = Broadcast.of("Pow", x.shape(), y.shape());
        int n = plan.rowLength();
        int sx = plan.step(0);
        int sy = plan.step(1);
        var c = plan.cursor();
        if (x.type().isInteger() && y.type().isInteger()) {
            var a = Numeric.longs(x);
            var b = Numeric.longs(y);
            var o = new long[plan.size()];
            for (int r = 0, oi = 0; r < plan.rows(); r++, oi += n, c.next()) {
                for (int k = 0, ai = c.offset(0), bi = c.offset(1); k < n; k++, ai += sx, bi += sy) {
                    o[oi + k] = integerPower(a[ai], b[bi]);
                }
            }
            return new RuntimeValue[] {Numeric.fromLongs(x.type(), plan.shape(), o)};
        }
        if (!x.type().isFloatingPoint() && !x.type().isInteger()) {
            throw KernelException.unsupportedType("Pow input X", x.type());
        }
        var a = Numeric.doubles(x);
        var b = Numeric.doubles(y);
        var o = new double[plan.size()];
        for (int r = 0, oi = 0; r < plan.rows(); r++, oi += n, c.next()) {
            for (int k = 0, ai = c.offset(0), bi = c.offset(1); k < n; k++, ai += sx, bi += sy) {
                o[oi + k] = Math.pow(a[ai], b[bi]);
            }
        }
        return new RuntimeValue[] {x.type().isInteger() ? truncated(x, plan.shape(), o) : Numeric.fromDoubles(x.type(), plan.shape(), o)};
    }

    private static Tensor truncated(Tensor x, long[] shape, double[] v) {
        var l = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            l[i] = (long) v[i];
        }
        return Numeric.fromLongs(x.type(), shape, l);
    }

    /// `base ^ exp` by repeated squaring, wrapping on overflow; a negative exponent gives the truncated
    /// reciprocal (0 unless the base is 1 or -1).
    static long integerPower(long base, long exp) {
        if (exp < 0) {
            return base == 1 ? 1 : base == -1 ? ((exp & 1) == 0 ? 1 : -1) : 0;
        }
        long result = 1;
        while (exp > 0) {
            if ((exp & 1) == 1) {
                result *= base;
            }
            base *= base;
            exp >>= 1;
        }
        return result;
    }
}
