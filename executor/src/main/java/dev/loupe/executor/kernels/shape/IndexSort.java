package dev.loupe.executor.kernels.shape;

/// Stable sorting of positions by what they point at, without boxing: a merge sort of an `int[]` under an
/// [Order] over the positions. Equal elements keep their order, so ties resolve to the smaller position.
/// Used by the index kernels of this family and by `NonMaxSuppression`.
public final class IndexSort {

    /// A comparison of the elements at two positions.
    @FunctionalInterface
    public interface Order {
        /// Negative, zero or positive as the element at `a` sorts before, with or after the one at `b`.
        int compare(int a, int b);
    }

    private IndexSort() {
    }

    /// The positions `0..n-1` sorted by `order`.
    public static int[] sorted(int n, Order order) {
        var idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        sort(idx, order);
        return idx;
    }

    /// Sorts `idx` in place by `order`.
    public static void sort(int[] idx, Order order) {
        var buffer = new int[idx.length];
        mergeSort(idx, buffer, 0, idx.length, order);
    }

    /// Numbers in ascending order with NaN after everything and the zeros equal.
    public static int compare(double a, double b) {
        if (a < b) {
            return -1;
        }
        if (a > b) {
            return 1;
        }
        boolean nanA = Double.isNaN(a);
        boolean nanB = Double.isNaN(b);
        return nanA == nanB ? 0 : nanA ? 1 : -1;
    }

    private static void mergeSort(int[] a, int[] buffer, int from, int to, Order order) {
        if (to - from < 2) {
            return;
        }
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && order.compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, buffer, from, mid, order);
        mergeSort(a, buffer, mid, to, order);
        if (order.compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, buffer, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && order.compare(buffer[i], buffer[j]) <= 0)) {
                a[k] = buffer[i++];
            } else {
                a[k] = buffer[j++];
            }
        }
    }
}
