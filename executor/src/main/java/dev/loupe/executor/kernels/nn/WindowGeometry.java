package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.simd.Window2d;
import dev.loupe.executor.tensor.Shapes;

/// A sliding window over the spatial axes of an input: the output position `o` on axis `i` covers the input
/// coordinates `o * strides[i] - padBegin[i] + t * dilations[i]` for taps `t` in `[0, kernel[i])`.
record WindowGeometry(long[] input, long[] kernel, long[] strides, long[] dilations, long[] padBegin, long[] padEnd,
                      long[] output) {

    int inputSize() {
        return Shapes.checkedSize(input);
    }

    int outputSize() {
        return Shapes.checkedSize(output);
    }

    int kernelSize() {
        return Shapes.checkedSize(kernel);
    }

    /// This window as a [Window2d] for the direct kernels, or `null` when it has another rank or they do not
    /// support it.
    Window2d window2d() {
        if (input.length != 2) {
            return null;
        }
        var g = new Window2d((int) input[0], (int) input[1], (int) output[0], (int) output[1],
                (int) kernel[0], (int) kernel[1], (int) strides[0], (int) strides[1], (int) dilations[0], (int) dilations[1],
                (int) padBegin[0], (int) padBegin[1]);
        return g.supported() ? g : null;
    }

    /// For each tap `k` and output position `p`, at `k * outputSize() + p`, the flat spatial input position the
    /// tap reads, or -1 where it falls into the padding.
    int[] gatherTable() {
        return table(output, input, false);
    }

    /// The transposed table, for transposed convolutions: for each tap `k` and input position `p` (now the
    /// iterated side), the flat output position it contributes to, or -1 outside the output.
    int[] scatterTable() {
        return table(input, output, false);
    }

    /// For each tap and output position, whether the tap lies inside the padded input (1) or beyond it (0), for
    /// averages that count the padding.
    int[] paddedTable() {
        return table(output, input, true);
    }

    private int[] table(long[] iterated, long[] bound, boolean padded) {
        int rank = iterated.length;
        int positions = Shapes.checkedSize(iterated);
        int taps = kernelSize();
        var out = new int[Math.multiplyExact(taps, positions)];
        var boundStrides = Shapes.strides(bound);
        var tap = new long[rank];
        var coord = new long[rank][];
        var inside = new boolean[rank][];
        for (int i = 0; i < rank; i++) {
            coord[i] = new long[(int) iterated[i]];
            inside[i] = new boolean[(int) iterated[i]];
        }
        var pos = new int[rank];
        for (int k = 0; k < taps; k++) {
            // One coordinate list per axis for this tap, then an odometer over the iterated positions.
            for (int i = 0; i < rank; i++) {
                for (int o = 0; o < iterated[i]; o++) {
                    long c = o * strides[i] - padBegin[i] + tap[i] * dilations[i];
                    coord[i][o] = c;
                    inside[i][o] = padded ? c >= -padBegin[i] && c < bound[i] + padEnd[i] : c >= 0 && c < bound[i];
                }
            }
            for (int p = 0; p < positions; p++) {
                long flat = 0;
                boolean valid = true;
                for (int i = 0; i < rank; i++) {
                    valid &= inside[i][pos[i]];
                    flat += coord[i][pos[i]] * boundStrides[i];
                }
                out[k * positions + p] = padded ? (valid ? 1 : 0) : valid ? (int) flat : -1;
                for (int i = rank - 1; i >= 0; i--) {
                    if (++pos[i] < iterated[i]) {
                        break;
                    }
                    pos[i] = 0;
                }
            }
            for (int i = rank - 1; i >= 0; i--) {
                if (++tap[i] < kernel[i]) {
                    break;
                }
                tap[i] = 0;
            }
        }
        return out;
    }
}
