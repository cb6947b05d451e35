package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.Shapes;

import java.util.Arrays;

/// How the index tuples of `GatherND` and `ScatterND` address slices of the data tensor: the last axis of
/// `indices` holds tuples of `tupleLength` coordinates into the axes after the first `batchDims`, and each
/// tuple selects a contiguous slice of `sliceSize` elements.
record NdIndexing(long[] dataShape, int batchDims, int tupleLength, int sliceSize, int batches) {

    static NdIndexing plan(long[] dataShape, long[] indexShape, int batchDims) {
        if (indexShape.length < 1) {
            throw new KernelException("indices must have rank at least 1");
        }
        int k = (int) indexShape[indexShape.length - 1];
        if (k < 1 || batchDims < 0 || batchDims >= indexShape.length || batchDims + k > dataShape.length) {
            throw new KernelException("indices of shape " + Arrays.toString(indexShape) + " with batch_dims " + batchDims
                    + " do not fit data of shape " + Arrays.toString(dataShape));
        }
        long batches = 1;
        for (int d = 0; d < batchDims; d++) {
            if (indexShape[d] != dataShape[d]) {
                throw new KernelException("the batch dimensions of indices " + Arrays.toString(indexShape)
                        + " and data " + Arrays.toString(dataShape) + " differ");
            }
            batches *= dataShape[d];
        }
        long slice = 1;
        for (int d = batchDims + k; d < dataShape.length; d++) {
            slice *= dataShape[d];
        }
        return new NdIndexing(dataShape, batchDims, k, (int) slice, (int) batches);
    }

    /// The flat data position where each tuple's slice starts, in the order of the tuples.
    int[] sliceStarts(long[] indices) {
        var strides = Shapes.strides(dataShape);
        int tuples = indices.length / tupleLength;
        var out = new int[tuples];
        if (tuples == 0) {
            return out;
        }
        int perBatch = tuples / batches;
        long batchStride = batchDims == 0 ? 0 : strides[batchDims - 1];
        for (int t = 0; t < tuples; t++) {
            long p = (t / perBatch) * batchStride;
            for (int j = 0; j < tupleLength; j++) {
                int axis = batchDims + j;
                p += GatherKernel.checkedIndex(indices[t * tupleLength + j], dataShape[axis]) * strides[axis];
            }
            out[t] = (int) p;
        }
        return out;
    }
}
