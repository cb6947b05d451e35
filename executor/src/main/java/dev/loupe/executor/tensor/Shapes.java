package dev.loupe.executor.tensor;

import java.util.Arrays;

/// Shape arithmetic shared by kernels: sizes, strides, broadcasting, axis normalisation.
public final class Shapes {

    /// The largest element count a tensor may have (Java array limit).
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private Shapes() {
    }

    /// The number of elements of `shape`.
    ///
    /// @throws TensorSizeException when a dimension is negative or the count exceeds [#MAX_ELEMENTS]
    public static int checkedSize(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new TensorSizeException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            if (d != 0 && n > MAX_ELEMENTS / d) {
                throw new TensorSizeException("shape " + Arrays.toString(shape) + " has more than " + MAX_ELEMENTS + " elements");
            }
            n *= d;
        }
        return (int) n;
    }

    /// Row-major strides (in elements) of `shape`.
    public static long[] strides(long[] shape) {
        var s = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /// The multidirectional (NumPy) broadcast of the given shapes.
    ///
    /// @throws IllegalArgumentException when two dimensions differ and neither is 1
    public static long[] broadcast(long[]... shapes) {
        int rank = 0;
        for (var s : shapes) {
            rank = Math.max(rank, s.length);
        }
        var out = new long[rank];
        Arrays.fill(out, 1);
        for (var s : shapes) {
            for (int i = 0; i < s.length; i++) {
                int o = rank - s.length + i;
                long d = s[i];
                if (d == out[o] || d == 1) {
                    continue;
                }
                if (out[o] == 1) {
                    out[o] = d;
                } else {
                    throw new IllegalArgumentException("shapes " + Arrays.deepToString(shapes) + " cannot be broadcast together");
                }
            }
        }
        return out;
    }

    /// A negative axis counted from the end, checked to lie in `[0, rank)`.
    public static int normalizeAxis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + rank);
        }
        return (int) a;
    }
}
