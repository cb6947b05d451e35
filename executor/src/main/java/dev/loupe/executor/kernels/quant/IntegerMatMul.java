package dev.loupe.executor.kernels.quant;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.Shapes;

import java.util.Arrays;

/// A matrix product over integers with NumPy `matmul` semantics (batch axes broadcast, a 1-D operand promoted
/// to a matrix and its axis dropped from the result), accumulating in 32-bit integers.
///
/// @param values `[batch..., M, N]` row-major
/// @param shape the result's shape
/// @param rows `M`
/// @param columns `N`
record IntegerMatMul(int[] values, long[] shape, int rows, int columns) {

    static IntegerMatMul multiply(int[] a, long[] aShape, int[] b, long[] bShape) {
        if (aShape.length == 0 || bShape.length == 0) {
            throw new KernelException("matmul operands must have at least one axis, got " + Arrays.toString(aShape)
                    + " and " + Arrays.toString(bShape));
        }
        long[] am = aShape.length == 1 ? new long[] {1, aShape[0]} : aShape;
        long[] bm = bShape.length == 1 ? new long[] {bShape[0], 1} : bShape;
        int m = (int) am[am.length - 2];
        int k = (int) am[am.length - 1];
        int n = (int) bm[bm.length - 1];
        if (bm[bm.length - 2] != k) {
            throw new KernelException("matmul shapes " + Arrays.toString(aShape) + " and " + Arrays.toString(bShape) + " do not fit");
        }
        var aBatch = Arrays.copyOf(am, am.length - 2);
        var bBatch = Arrays.copyOf(bm, bm.length - 2);
        var batch = Shapes.broadcast(aBatch, bBatch);
        int batches = Shapes.checkedSize(batch);
        var out = new int[batches * m * n];
        var index = new long[batch.length];
        for (int q = 0; q < batches; q++) {
            int aOff = broadcastOffset(index, aBatch) * m * k;
            int bOff = broadcastOffset(index, bBatch) * k * n;
            int oOff = q * m * n;
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    int av = a[aOff + i * k + p];
                    if (av == 0) {
                        continue;
                    }
                    int bRow = bOff + p * n;
                    for (int j = 0; j < n; j++) {
                        out[oOff + i * n + j] += av * b[bRow + j];
                    }
                }
            }
            for (int d = batch.length - 1; d >= 0 && ++index[d] == batch[d]; d--) {
                index[d] = 0;
            }
        }
        var shape = new long[batch.length + (aShape.length == 1 ? 0 : 1) + (bShape.length == 1 ? 0 : 1)];
        System.arraycopy(batch, 0, shape, 0, batch.length);
        int at = batch.length;
        if (aShape.length != 1) {
            shape[at++] = m;
        }
        if (bShape.length != 1) {
            shape[at] = n;
        }
        return new IntegerMatMul(out, shape, m, n);
    }

    /// The flat batch index of a (right-aligned, broadcast) operand at the result's batch `index`.
    private static int broadcastOffset(long[] index, long[] operandBatch) {
        int offset = 0;
        int shift = index.length - operandBatch.length;
        for (int d = 0; d < operandBatch.length; d++) {
            long i = operandBatch[d] == 1 ? 0 : index[d + shift];
            offset = (int) (offset * operandBatch[d] + i);
        }
        return offset;
    }
}
