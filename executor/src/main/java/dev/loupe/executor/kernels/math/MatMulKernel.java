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

/// `MatMul` (versions 1, 9, 13): the matrix product as NumPy's `matmul` defines it: the last two axes are
/// matrices, leading axes are batches broadcast against each other, a 1-D operand is a row (A) or column
/// (B) vector whose axis is dropped from the result; cancellation is checked between matrices. Floats in
/// `float` (narrow floats widened), double in `double`, integers in `long`.
///
/// float32 runs on [Sgemm]: a single `B` matrix takes all of `A`'s batches as one tall product, and a
/// constant `B` (an initializer, typically weights) is packed once and reused while it is the same array, or
/// taken into the kernel when a fast plan is made ([ConstantTakingKernel]: a float32 matrix); the output comes
/// from [KernelContext#output] (every element is written).
final class MatMulKernel implements ConstantTakingKernel {

    private final boolean constantB;
    /// The packed constant `B` and its source; runs are serialized, so plain fields suffice.
    private float[] packedSource;
    private PackedB packed;
    /// A `B` taken at planning time, packed, and its shape `[k, n]`; `null` when none was taken.
    private PackedB takenB;
    private long[] taken;
    /// Where each batch's matrices start, kept from run to run while the batch count stays the same.
    private int[] aOffsets;
    private int[] bOffsets;

    MatMulKernel(NodeSpec spec) {
        this.constantB = spec.isConstantInput(1);
    }

    @Override
    public boolean take(int slot, ConstantInput value) {
        var shape = value.shape();
        if (slot != 1 || value.type() != ElementType.FLOAT || shape.length != 2 || shape[0] * shape[1] == 0) {
            return false;
        }
        int k = (int) shape[0];
        int n = (int) shape[1];
        takenB = PackedB.of(value.tensor().floats(), 0, k, n, n, 1);
        taken = shape;
        return true;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var a = Operands.tensor("MatMul", inputs, 0, "A");
        if (taken != null && inputs.length > 1 && inputs[1] == null) {
            return new RuntimeValue[] {timesTaken(a, context)};
        }
        var b = Operands.tensor("MatMul", inputs, 1, "B");
        Operands.sameType("MatMul", a, "A", b, "B");
        if (a.rank() == 0 || b.rank() == 0) {
            throw new KernelException("MatMul needs inputs of rank 1 or more, got " + a.describe() + " and " + b.describe());
        }
        var as = a.rank() == 1 ? new long[] {1, a.dim(0)} : a.shape();
        var bs = b.rank() == 1 ? new long[] {b.dim(0), 1} : b.shape();
        int m = (int) as[as.length - 2];
        int k = (int) as[as.length - 1];
        int n = (int) bs[bs.length - 1];
        if (bs[bs.length - 2] != k) {
            throw new KernelException("MatMul cannot multiply " + a.describe() + " by " + b.describe()
                    + ": inner dimensions " + k + " and " + bs[bs.length - 2] + " differ");
        }
        var batch = Broadcast.of("MatMul", Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2));
        var outShape = outputShape(batch.shape(), m, n, a.rank() == 1, b.rank() == 1);
        int batches = batch.size();
        var type = a.type();
        var cursor = batch.cursor();
        switch (ComputeType.of(type)) {
            case FLOAT -> {
                if (type == ElementType.FLOAT) {
                    return new RuntimeValue[] {floats(a, b, bs.length == 2, batch, outShape, m, k, n, context)};
                }
                var x = Numeric.floats(a);
                var y = Numeric.floats(b);
                var o = Tensor.allocate(ElementType.FLOAT, outShape).floats();
                for (int r = 0, idx = 0; r < batch.rows(); r++, cursor.next()) {
                    context.checkCancelled();
                    for (int e = 0; e < batch.rowLength(); e++, idx++) {
                        int ai = (cursor.offset(0) + e * batch.step(0)) * m * k;
                        int bi = (cursor.offset(1) + e * batch.step(1)) * k * n;
                        MatrixProduct.multiply(x, ai, k, 1, y, bi, o, idx * m * n, m, k, n);
                    }
                }
                return new RuntimeValue[] {Numeric.fromFloats(type, outShape, o)};
            }
            case DOUBLE -> {
                var x = a.doubles();
                var y = b.doubles();
                var out = Tensor.allocate(type, outShape);
                var o = out.doubles();
                for (int r = 0, idx = 0; r < batch.rows(); r++, cursor.next()) {
                    context.checkCancelled();
                    for (int e = 0; e < batch.rowLength(); e++, idx++) {
                        int ai = (cursor.offset(0) + e * batch.step(0)) * m * k;
                        int bi = (cursor.offset(1) + e * batch.step(1)) * k * n;
                        MatrixProduct.multiply(x, ai, k, 1, y, bi, o, idx * m * n, m, k, n);
                    }
                }
                return new RuntimeValue[] {out};
            }
            case INT, LONG, ULONG -> {
                var x = Numeric.longs(a);
                var y = Numeric.longs(b);
                var o = new long[batches * m * n];
                for (int r = 0, idx = 0; r < batch.rows(); r++, cursor.next()) {
                    context.checkCancelled();
                    for (int e = 0; e < batch.rowLength(); e++, idx++) {
                        int ai = (cursor.offset(0) + e * batch.step(0)) * m * k;
                        int bi = (cursor.offset(1) + e * batch.step(1)) * k * n;
                        MatrixProduct.multiply(x, ai, k, 1, y, bi, o, idx * m * n, m, k, n);
                    }
                }
                return new RuntimeValue[] {Numeric.fromLongs(type, outShape, o)};
            }
            default -> throw KernelException.unsupportedType("MatMul input", type);
        }
    }

    private static long[] outputShape(long[] batch, int m, int n, boolean rowVector, boolean columnVector) {
        var out = new long[batch.length + (rowVector ? 0 : 1) + (columnVector ? 0 : 1)];
        System.arraycopy(batch, 0, out, 0, batch.length);
        int i = batch.length;
        if (!rowVector) {
            out[i++] = m;
        }
        if (!columnVector) {
            out[i] = n;
        }
        return out;
    }

    /// `A` times the `B` taken at planning time: all of `A`'s leading axes stack into the rows of one product.
    private Tensor timesTaken(Tensor a, KernelContext context) {
        int k = (int) taken[0];
        int n = (int) taken[1];
        if (a.type() != ElementType.FLOAT || a.rank() == 0 || a.dim(a.rank() - 1) != k) {
            throw new KernelException("MatMul cannot multiply " + a.describe() + " by its float" + Arrays.toString(taken)
                    .replace(" ", "") + " weights");
        }
        var outShape = a.shape();
        outShape[outShape.length - 1] = n;
        var out = context.output(ElementType.FLOAT, outShape);
        Sgemm.multiply(a.size() / k, 1f, a.floats(), 0, k, 1, takenB, out.floats(), 0, n, false, context.threads());
        return out;
    }

    /// float32 on [Sgemm]; `singleB` when `B` is one matrix (rank 1 or 2), so `A`'s batches stack into rows.
    private Tensor floats(Tensor a, Tensor b, boolean singleB, Broadcast batch, long[] outShape, int m, int k, int n,
                          KernelContext context) {
        var x = a.floats();
        var y = b.floats();
        var out = context.output(ElementType.FLOAT, outShape);
        var o = out.floats();
        int threads = context.threads();
        if (singleB) {
            int rows = batch.size() * m;
            if (constantB) {
                if (y != packedSource) {
                    packed = PackedB.of(y, 0, k, n, n, 1);
                    packedSource = y;
                }
                Sgemm.multiply(rows, 1f, x, 0, k, 1, packed, o, 0, n, false, threads);
            } else {
                Sgemm.multiply(rows, n, k, 1f, x, 0, k, 1, y, 0, n, 1, o, 0, n, false, threads);
            }
            return out;
        }
        int batches = batch.size();
        if (aOffsets == null || aOffsets.length != batches) {
            aOffsets = new int[batches];
            bOffsets = new int[batches];
        }
        var cursor = batch.cursor();
        for (int r = 0, idx = 0; r < batch.rows(); r++, cursor.next()) {
            for (int e = 0; e < batch.rowLength(); e++, idx++) {
                aOffsets[idx] = (cursor.offset(0) + e * batch.step(0)) * m * k;
                bOffsets[idx] = (cursor.offset(1) + e * batch.step(1)) * k * n;
            }
        }
        context.checkCancelled();
        Sgemm.multiplyBatches(batches, m, n, k, x, aOffsets, k, 1, y, bOffsets, n, 1, o, threads);
        return out;
    }
}
