package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `NonZero` (versions 9, 13), numeric and bool: the coordinates of the non-zero elements as an int64 tensor
/// of shape `[rank, count]`, in row-major order (a scalar counts as rank 1).
final class NonZeroKernel extends SingleOutputKernel {

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var x = Operands.tensor(inputs, 0, "X");
        boolean[] nonZero = new boolean[x.size()];
        int count = 0;
        if (x.type().isInteger() || x.type() == ElementType.BOOL) {
            var v = Numbers.toLongs(x);
            for (int i = 0; i < v.length; i++) {
                nonZero[i] = v[i] != 0;
                count += nonZero[i] ? 1 : 0;
            }
        } else {
            var v = Numbers.toDoubles(x);
            for (int i = 0; i < v.length; i++) {
                nonZero[i] = v[i] != 0;
                count += nonZero[i] ? 1 : 0;
            }
        }
        var shape = x.rank() == 0 ? new long[] {1} : x.shape();
        int rank = shape.length;
        var out = new long[rank * count];
        var coord = new long[rank];
        for (int i = 0, k = 0; i < nonZero.length; i++) {
            if (nonZero[i]) {
                for (int d = 0; d < rank; d++) {
                    out[d * count + k] = coord[d];
                }
                k++;
            }
            for (int d = rank - 1; d >= 0; d--) {
                if (++coord[d] < shape[d]) {
                    break;
                }
                coord[d] = 0;
            }
        }
        return Tensor.ofLongs(new long[] {rank, count}, out);
    }
}
