package dev.loupe.executor.kernels.math;

/// A row-major shape seen as `[outer, n, inner]` around one axis (or around a split point): element
/// `(o, k, i)` is at `(o * n + k) * inner + i`.
record AxisSplit(int outer, int n, int inner) {

    /// Around `axis`: `n` is that axis's size.
    static AxisSplit around(long[] shape, int axis) {
        return new AxisSplit(product(shape, 0, axis), (int) shape[axis], product(shape, axis + 1, shape.length));
    }

    /// Flattened at `axis`: `[prod(shape[:axis]), prod(shape[axis:]), 1]`.
    static AxisSplit flattenedAt(long[] shape, int axis) {
        return new AxisSplit(product(shape, 0, axis), product(shape, axis, shape.length), 1);
    }

    private static int product(long[] shape, int from, int to) {
        long p = 1;
        for (int d = from; d < to; d++) {
            p *= shape[d];
        }
        return (int) p;
    }
}
