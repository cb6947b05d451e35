package dev.loupe.executor.session;

/// Where the elements of a tensor of `shape` lie in a flat array: element `(i0, ..., ir-1)` at `offset +
/// i0 * strides[0] + ... + ir-1 * strides[r-1]`. Axes of size 1 have stride 0.
record StridedLayout(long[] shape, int[] strides, int offset) {

    /// The row-major layout of `shape` from position 0.
    static StridedLayout contiguous(long[] shape) {
        var strides = new int[shape.length];
        long step = 1;
        for (int j = shape.length - 1; j >= 0; j--) {
            strides[j] = shape[j] == 1 ? 0 : (int) step;
            step *= shape[j];
        }
        return new StridedLayout(shape, strides, 0);
    }

    /// The layout that puts element `i` (in row-major order over `shape`) at `positions[i]`, or `null`
    /// when no layout does (the positions are not an affine function of the index), or `shape` is empty.
    static StridedLayout affine(long[] shape, int[] positions) {
        if (positions.length == 0) {
            return null;
        }
        int rank = shape.length;
        var strides = new int[rank];
        long unit = 1;
        for (int j = rank - 1; j >= 0; j--) {
            strides[j] = shape[j] == 1 ? 0 : positions[(int) unit] - positions[0];
            unit *= shape[j];
        }
        var layout = new StridedLayout(shape, strides, positions[0]);
        return layout.matches(positions) ? layout : null;
    }

    /// Whether element `i` lies at `positions[i]` for every `i`.
    private boolean matches(int[] positions) {
        int rank = shape.length;
        var index = new long[rank];
        long expected = offset;
        for (int i = 0; i < positions.length; i++) {
            if (positions[i] != expected) {
                return false;
            }
            for (int j = rank - 1; j >= 0; j--) {
                if (++index[j] < shape[j]) {
                    expected += strides[j];
                    break;
                }
                expected -= (shape[j] - 1) * strides[j];
                index[j] = 0;
            }
        }
        return true;
    }

    /// How many elements a tensor of `shape` holds.
    static long count(long[] shape) {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        return count;
    }

    int rank() {
        return shape.length;
    }
}
