package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.Shapes;

/// Flat positions in a data tensor addressed by an index tensor of the same rank along one axis, as
/// `GatherElements` and `ScatterElements` use them.
final class ElementPositions {

    private ElementPositions() {
    }

    /// For each element of an index tensor of shape `indexShape` (row-major), the flat position in a tensor
    /// of shape `dataShape` that has the element's own coordinates, except `indices[i]` on `axis`.
    static int[] alongAxis(long[] dataShape, long[] indexShape, int axis, long[] indices) {
        int rank = dataShape.length;
        for (int d = 0; d < rank; d++) {
            if (d != axis && indexShape[d] > dataShape[d]) {
                throw new KernelException("indices of shape " + java.util.Arrays.toString(indexShape)
                        + " exceed the data shape " + java.util.Arrays.toString(dataShape) + " on axis " + d);
            }
        }
        var strides = Shapes.strides(dataShape);
        var out = new int[indices.length];
        var coord = new long[rank];
        long dim = dataShape[axis];
        for (int i = 0; i < indices.length; i++) {
            long k = GatherKernel.checkedIndex(indices[i], dim);
            long p = 0;
            for (int d = 0; d < rank; d++) {
                p += (d == axis ? k : coord[d]) * strides[d];
            }
            out[i] = (int) p;
            for (int d = rank - 1; d >= 0; d--) {
                if (++coord[d] < indexShape[d]) {
                    break;
                }
                coord[d] = 0;
            }
        }
        return out;
    }
}
