package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.ConstantInput;
import dev.loupe.executor.kernel.ConstantTakingKernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.simd.PackedB;
import dev.loupe.executor.simd.Sgemm;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;

/// `Gemm` (versions 1, 6, 7, 9, 11, 13): `Y = alpha * A' * B' + beta * C` for 2-D `A` and `B`, each transposed
/// when `transA`/`transB` is 1, with the optional `C` broadcast to `[M, N]`. Floats in `float`, double in
/// `double`, integers in `long`.
///
/// float32 runs on [Sgemm] (transposes as strides, `alpha` folded into the packing of `A`, `beta * C` as the
/// starting value), with a constant `B` packed once and reused while it is the same array, or taken into the
/// kernel when a fast plan is made ([ConstantTakingKernel]: a float32 matrix).
final class GemmKernel implements ConstantTakingKernel {

    private final boolean transA;
    private final boolean transB;
    private final float alpha;
    private final float beta;
    private final boolean constantB;
    /// The packed constant `B` and its source; runs are serialized, so plain fields suffice.
    private float[] packedSource;
    private PackedB packed;
    /// A `B` taken at planning time, packed, and its shape; `null` when none was taken.
    private PackedB takenB;
    private long[] taken;

    GemmKernel(NodeSpec spec) {
        this.transA = spec.intAttr("transA", 0) != 0;
        this.transB = spec.intAttr("transB", 0) != 0;
        this.alpha = spec.floatAttr("alpha", 1f);
        this.beta = spec.floatAttr("beta", 1f);
        this.constantB = spec.isConstantInput(1);
    }

    @Override
    public boolean take(int slot, ConstantInput value) {
        var shape = value.shape();
        if (slot != 1 || value.type() != ElementType.FLOAT || shape.length != 2 || shape[0] * shape[1] == 0) {
            return false;
        }
        int k = (int) (transB ? shape[1] : shape[0]);
        int n = (int) (transB ? shape[0] : shape[1]);
        takenB = PackedB.of(value.tensor().floats(), 0, k, n, transB ? 1 : n, transB ? k : 1);
        taken = shape;
        return true;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var a = Operands.tensor("Gemm", inputs, 0, "A");
        boolean useTaken = taken != null && inputs.length > 1 && inputs[1] == null;
        var b = useTaken ? null : Operands.tensor("Gemm", inputs, 1, "B");
        var c = Operands.optionalTensor("Gemm", inputs, 2, "C");
        var bs = useTaken ? taken : b.shape();
        var bText = useTaken ? "its weights float" + Arrays.toString(taken).replace(" ", "") : b.describe();
        if (!useTaken) {
            Operands.sameType("Gemm", a, "A", b, "B");
        } else if (a.type() != ElementType.FLOAT) {
            throw new KernelException("Gemm needs a float A for " + bText + ", got " + a.describe());
        }
        if (a.rank() != 2 || bs.length != 2) {
            throw new KernelException("Gemm needs 2-D A and B, got " + a.describe() + " and " + bText);
        }
        int m = (int) (transA ? a.dim(1) : a.dim(0));
        int k = (int) (transA ? a.dim(0) : a.dim(1));
        int kb = (int) (transB ? bs[1] : bs[0]);
        int n = (int) (transB ? bs[0] : bs[1]);
        if (k != kb) {
            throw new KernelException("Gemm cannot multiply " + a.describe() + (transA ? "ᵀ" : "") + " by " + bText
                    + (transB ? "ᵀ" : "") + ": inner dimensions " + k + " and " + kb + " differ");
        }
        var shape = new long[] {m, n};
        int cRow = 0;
        int cCol = 0;
        if (c != null) {
            Operands.sameType("Gemm", a, "A", c, "C");
            long cm = c.rank() == 2 ? c.dim(0) : 1;
            long cn = c.rank() >= 1 ? c.dim(c.rank() - 1) : 1;
            if (c.rank() > 2 || (cm != 1 && cm != m) || (cn != 1 && cn != n)) {
                throw new KernelException("Gemm cannot broadcast C " + c.describe() + " to [" + m + ", " + n + "]");
            }
            cRow = cm == 1 ? 0 : (int) cn;
            cCol = cn == 1 ? 0 : 1;
        }
        int aRow = transA ? 1 : k;
        int aCol = transA ? m : 1;
        var type = a.type();
        switch (ComputeType.of(type)) {
            case FLOAT -> {
                if (type == ElementType.FLOAT) {
                    return new RuntimeValue[] {floats(a, b, c, m, k, n, aRow, aCol, cRow, cCol, context)};
                }
                var o = new float[m * n];
                var y = Numeric.floats(b);
                MatrixProduct.multiply(Numeric.floats(a), 0, aRow, aCol, transB ? MatrixProduct.transpose(y, 0, n, k) : y, 0, o, 0, m, k, n);
                var cv = c == null ? null : Numeric.floats(c);
                for (int i = 0; i < o.length; i++) {
                    o[i] = alpha * o[i] + (cv == null ? 0 : beta * cv[i / n * cRow + i % n * cCol]);
                }
                return new RuntimeValue[] {Numeric.fromFloats(type, shape, o)};
            }
            case DOUBLE -> {
                var o = new double[m * n];
                var y = b.doubles();
                MatrixProduct.multiply(a.doubles(), 0, aRow, aCol, transB ? MatrixProduct.transpose(y, 0, n, k) : y, 0, o, 0, m, k, n);
                var cv = c == null ? null : c.doubles();
                for (int i = 0; i < o.length; i++) {
                    o[i] = alpha * o[i] + (cv == null ? 0 : beta * cv[i / n * cRow + i % n * cCol]);
                }
                return new RuntimeValue[] {Numeric.fromDoubles(ElementType.DOUBLE, shape, o)};
            }
            case INT, LONG, ULONG -> {
                var o = new long[m * n];
                var y = Numeric.longs(b);
                MatrixProduct.multiply(Numeric.longs(a), 0, aRow, aCol, transB ? MatrixProduct.transpose(y, 0, n, k) : y, 0, o, 0, m, k, n);
                var cv = c == null ? null : Numeric.longs(c);
                for (int i = 0; i < o.length; i++) {
                    o[i] = (long) (alpha * o[i] + (cv == null ? 0 : beta * cv[i / n * cRow + i % n * cCol]));
                }
                return new RuntimeValue[] {Numeric.fromLongs(type, shape, o)};
            }
            default -> throw KernelException.unsupportedType("Gemm input", type);
        }
    }

    /// float32 on [Sgemm]: `Y` starts as `beta * C` (broadcast by the strides `cRow`, `cCol`) and gains
    /// `alpha * A' * B'`; `b` is `null` when it was taken at planning time.
    private Tensor floats(Tensor a, Tensor b, Tensor c, int m, int k, int n, int aRow, int aCol, int cRow, int cCol,
                          KernelContext context) {
        int threads = context.threads();
        var out = context.output(ElementType.FLOAT, m, n);
        var o = out.floats();
        if (c != null) {
            var cv = c.floats();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    o[i * n + j] = beta * cv[i * cRow + j * cCol];
                }
            }
        }
        var x = a.floats();
        if (b == null) {
            Sgemm.multiply(m, alpha, x, 0, aRow, aCol, takenB, o, 0, n, c != null, threads);
            return out;
        }
        var y = b.floats();
        int bRow = transB ? 1 : n;
        int bCol = transB ? k : 1;
        if (constantB) {
            if (y != packedSource) {
                packed = PackedB.of(y, 0, k, n, bRow, bCol);
                packedSource = y;
            }
            Sgemm.multiply(m, alpha, x, 0, aRow, aCol, packed, o, 0, n, c != null, threads);
        } else {
            Sgemm.multiply(m, n, k, alpha, x, 0, aRow, aCol, y, 0, bRow, bCol, o, 0, n, c != null, threads);
        }
        return out;
    }
}
