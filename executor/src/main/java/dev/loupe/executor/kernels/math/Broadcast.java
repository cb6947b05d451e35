package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.Shapes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.stream.Collectors;

/// Multidirectional (NumPy) broadcasting of several inputs to one output, walked row by row: the output is
/// split into rows of [#rowLength()] contiguous elements, and for each row a [Cursor] gives each input's
/// offset; inside a row an input advances by [#step(int)] (1, or 0 when it is broadcast along that axis).
///
/// Adjacent axes along which every input is either contiguous or broadcast are merged first, so equal
/// shapes give one row for the whole tensor and a scalar operand has step 0.
final class Broadcast {

    private final long[] shape;
    private final int size;
    private final int rowLength;
    private final int[] steps;
    private final int[] outerDims;
    private final int[][] outerStrides;

    private Broadcast(long[] shape, int size, int rowLength, int[] steps, int[] outerDims, int[][] outerStrides) {
        this.shape = shape;
        this.size = size;
        this.rowLength = rowLength;
        this.steps = steps;
        this.outerDims = outerDims;
        this.outerStrides = outerStrides;
    }

    /// @throws KernelException naming `op` when the shapes cannot be broadcast together
    static Broadcast of(String op, long[]... shapes) {
        long[] out;
        try {
            out = Shapes.broadcast(shapes);
        } catch (IllegalArgumentException e) {
            throw new KernelException(op + " cannot broadcast shapes " + Arrays.stream(shapes).map(Arrays::toString)
                    .collect(Collectors.joining(" and ")) + " together");
        }
        int size = Shapes.checkedSize(out);
        int rank = out.length;
        int n = shapes.length;
        var dims = new ArrayList<Integer>();
        var strides = new ArrayList<int[]>();
        var full = new int[n];
        Arrays.fill(full, 1);
        for (int k = rank - 1; k >= 0; k--) {
            int d = (int) out[k];
            if (d == 1) {
                continue;
            }
            var s = new int[n];
            for (int i = 0; i < n; i++) {
                int axis = k - (rank - shapes[i].length);
                boolean present = axis >= 0 && shapes[i][axis] != 1;
                s[i] = present ? full[i] : 0;
                if (present) {
                    full[i] *= d;
                }
            }
            dims.add(0, d);
            strides.add(0, s);
        }
        // merge axis k into k+1 when every input's stride along k is its stride along k+1 times that size
        for (int k = dims.size() - 2; k >= 0; k--) {
            boolean mergeable = true;
            for (int i = 0; i < n && mergeable; i++) {
                mergeable = strides.get(k)[i] == strides.get(k + 1)[i] * dims.get(k + 1);
            }
            if (mergeable) {
                dims.set(k + 1, dims.get(k) * dims.get(k + 1));
                dims.remove(k);
                strides.remove(k);
            }
        }
        int m = dims.size();
        int rowLength = m == 0 ? 1 : dims.get(m - 1);
        var steps = m == 0 ? new int[n] : strides.get(m - 1);
        var outerDims = new int[Math.max(0, m - 1)];
        var outerStrides = new int[n][outerDims.length];
        for (int k = 0; k < outerDims.length; k++) {
            outerDims[k] = dims.get(k);
            for (int i = 0; i < n; i++) {
                outerStrides[i][k] = strides.get(k)[i];
            }
        }
        return new Broadcast(out, size, size == 0 ? 0 : rowLength, steps, outerDims, outerStrides);
    }

    /// The output shape.
    long[] shape() {
        return shape.clone();
    }

    int size() {
        return size;
    }

    int rowLength() {
        return rowLength;
    }

    int rows() {
        return rowLength == 0 ? 0 : size / rowLength;
    }

    /// How far input `input` advances per element inside a row: 1, or 0 when broadcast.
    int step(int input) {
        return steps[input];
    }

    Cursor cursor() {
        return new Cursor();
    }

    /// A cursor at the start of row `row` (as many [Cursor#next()] calls from the first row).
    Cursor cursor(int row) {
        var c = new Cursor();
        for (int k = outerDims.length - 1, rest = row; k >= 0 && rest > 0; k--) {
            int at = rest % outerDims[k];
            rest /= outerDims[k];
            c.index[k] = at;
            for (int i = 0; i < c.offsets.length; i++) {
                c.offsets[i] += outerStrides[i][k] * at;
            }
        }
        return c;
    }

    /// Each input's offset at the start of the current row; rows are visited in output order.
    final class Cursor {
        private final int[] offsets = new int[outerStrides.length];
        private final int[] index = new int[outerDims.length];

        int offset(int input) {
            return offsets[input];
        }

        void next() {
            for (int k = outerDims.length - 1; k >= 0; k--) {
                for (int i = 0; i < offsets.length; i++) {
                    offsets[i] += outerStrides[i][k];
                }
                if (++index[k] < outerDims[k]) {
                    return;
                }
                for (int i = 0; i < offsets.length; i++) {
                    offsets[i] -= outerStrides[i][k] * outerDims[k];
                }
                index[k] = 0;
            }
        }
    }
}
