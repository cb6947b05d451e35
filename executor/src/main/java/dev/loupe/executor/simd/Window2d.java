package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import static dev.loupe.executor.simd.VectorSupport.EVEN;
import static dev.loupe.executor.simd.VectorSupport.ODD;

/// A 2-D sliding window over one plane, as the direct kernels ([DepthwiseConvolution], [MaxPooling2d]) compute
/// it: input `height x width`, output `outHeight x outWidth`, kernel, strides, dilations and the padding before
/// the first row and column. Output `(oy, ox)`, tap `(ky, kx)` reads input `(oy * strideY - padTop + ky *
/// dilationY, ox * strideX - padLeft + kx * dilationX)`.
///
/// The kernels first copy each plane into a per-thread scratch plane ([#fillScratch]), row by row, with the
/// horizontal padding as zeros, so that every tap of a vector of outputs is one unmasked load:
///
/// - stride 1: the padded row itself; output column `ox`, tap `kx` reads padded column `ox + kx * dilationX`;
/// - stride 2: the padded row split into its even and odd columns (two "phases"); output column `ox`, tap `kx`
///   reads phase `(kx * dilationX) % 2` at `ox + (kx * dilationX) / 2`, so strided reads become contiguous
///   ones, without gathers.
public record Window2d(int height, int width, int outHeight, int outWidth, int kernelHeight, int kernelWidth,
                       int strideY, int strideX, int dilationY, int dilationX, int padTop, int padLeft) {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;

    /// Whether the direct kernels compute this window (vector kernels on, stride 1 or 2 across).
    public boolean supported() {
        return VectorSupport.ENABLED && (strideX == 1 || strideX == 2) && padLeft >= 0 && padTop >= 0;
    }

    /// Floats per scratch row: the padded row (stride 1) or its two phases (stride 2), long enough for a vector
    /// of outputs starting at any output column and the widest tap.
    int scratchRow() {
        int vectorsWide = outWidth + L;
        int reach = (kernelWidth - 1) * dilationX;
        if (strideX == 1) {
            return Math.max(padLeft + width, vectorsWide + reach);
        }
        return 2 * phaseLength();
    }

    /// Floats per phase of a stride-2 scratch row: room for a vector of outputs from any output column, and for
    /// the whole vectors [#fillScratch] stores for the row's last columns.
    int phaseLength() {
        int vectorsWide = outWidth + L;
        return Math.max((padLeft + width + 1) / 2 + L, vectorsWide + (kernelWidth - 1) * dilationX / 2 + 1);
    }

    /// Rows of the scratch plane: `padTop` zero rows, the input rows, and as many zero rows below as the last
    /// output row's window reaches, so that every output row reads whole rows of the scratch.
    int scratchRows() {
        int below = (outHeight - 1) * strideY - padTop + (kernelHeight - 1) * dilationY - (height - 1);
        return padTop + height + Math.max(0, below);
    }

    /// This thread's scratch plane, zeroed (padding rows and columns are never written afterwards, so they stay
    /// zero across the planes a call copies in).
    float[] scratch() {
        int size = scratchRows() * scratchRow();
        var scratch = Workspace.current().columns(size);
        java.util.Arrays.fill(scratch, 0, size, 0f);
        return scratch;
    }

    /// For each tap column `kx`, where in a scratch row the input of output column 0 lies.
    int[] tapOffsets() {
        var offsets = new int[kernelWidth];
        for (int kx = 0; kx < offsets.length; kx++) {
            int reach = kx * dilationX;
            offsets[kx] = strideX == 1 ? reach : (reach & 1) * phaseLength() + reach / 2;
        }
        return offsets;
    }

    /// Whether [#fillScratchWithEdges] serves this window: unit dilations, and every window overlapping the
    /// input, so that the nearest input element to any tap in the padding is a tap of the same window.
    boolean edgesReplicable() {
        return dilationX == 1 && dilationY == 1 && padLeft < kernelWidth && padTop < kernelHeight
                && (outWidth - 1) * strideX - padLeft < width && (outHeight - 1) * strideY - padTop < height;
    }

    /// [#fillScratch], then every padding element that a window reaches set to the nearest input element (the
    /// first or last of its row, of the first or last row) instead of zero. For max pooling with
    /// [#edgesReplicable()]: a value a window already holds, repeated, changes neither its maximum nor which
    /// element comes first, so every output, the border ones included, is computed like the inner ones.
    void fillScratchWithEdges(float[] x, int xi, float[] scratch) {
        fillScratch(x, xi, scratch);
        int row = scratchRow();
        int right = Math.max(0, (outWidth - 1) * strideX + kernelWidth - padLeft - width);
        for (int y = 0; y < height; y++) {
            int dst = (padTop + y) * row;
            float first = x[xi + y * width];
            float last = x[xi + y * width + width - 1];
            for (int q = 0; q < padLeft; q++) {
                scratch[dst + column(q)] = first;
            }
            for (int q = padLeft + width; q < padLeft + width + right; q++) {
                scratch[dst + column(q)] = last;
            }
        }
        for (int r = 0; r < padTop; r++) {
            System.arraycopy(scratch, padTop * row, scratch, r * row, row);
        }
        for (int r = padTop + height; r < scratchRows(); r++) {
            System.arraycopy(scratch, (padTop + height - 1) * row, scratch, r * row, row);
        }
    }

    /// Where padded column `q` lies in a scratch row.
    private int column(int q) {
        return strideX == 1 ? q : (q & 1) * phaseLength() + q / 2;
    }

    /// Copies the plane at `xi` into `scratch`, row by row below the `padTop` zero rows, in the layout of the
    /// stride: output row `oy` reads scratch rows from `oy * strideY`.
    void fillScratch(float[] x, int xi, float[] scratch) {
        int row = scratchRow();
        for (int y = 0; y < height; y++) {
            fillRow(x, xi + y * width, scratch, (padTop + y) * row);
        }
    }

    /// Copies the input row at `x[src]` into the scratch row at `scratch[dst]`, in the layout of the stride,
    /// leaving its padding as it is.
    void fillRow(float[] x, int src, float[] scratch, int dst) {
        if (strideX == 1) {
            System.arraycopy(x, src, scratch, dst + padLeft, width);
        } else {
            splitPhases(x, src, scratch, dst, phaseLength());
        }
    }

    /// Writes input column `i` of the row at `src` to padded column `q = padLeft + i`, i.e. to phase `q % 2`
    /// (at `dst`, or `dst + phase` for odd columns) at index `q / 2`. Input columns are taken two vectors at
    /// a time, from an even `i`, so every pair starts at a `q` of the parity of `padLeft`: its even lanes go to
    /// index `q / 2` of that phase and its odd lanes to index `(q + 1) / 2` of the other.
    private void splitPhases(float[] x, int src, float[] scratch, int dst, int phase) {
        int evenLanes = (padLeft & 1) == 0 ? dst : dst + phase;
        int oddLanes = (padLeft & 1) == 0 ? dst + phase : dst;
        int i = 0;
        for (; i + 2 * L <= width; i += 2 * L) {
            var a = FloatVector.fromArray(S, x, src + i);
            var b = FloatVector.fromArray(S, x, src + i + L);
            int q = padLeft + i;
            a.rearrange(EVEN, b).intoArray(scratch, evenLanes + q / 2);
            a.rearrange(ODD, b).intoArray(scratch, oddLanes + (q + 1) / 2);
        }
        if (i < width) {
            // The last columns: loads masked to the row (zero beyond it), so the stores also write zeros into
            // the padding after the row, which the phases have room for (see phaseLength). Masked loads for
            // the whole row, in one loop, made a 112-wide stride-2 fill 1.6x slower.
            var a = FloatVector.fromArray(S, x, src + i, S.indexInRange(i, width));
            var b = FloatVector.fromArray(S, x, src + i + L, S.indexInRange(i + L, width));
            int q = padLeft + i;
            a.rearrange(EVEN, b).intoArray(scratch, evenLanes + q / 2);
            a.rearrange(ODD, b).intoArray(scratch, oddLanes + (q + 1) / 2);
        }
    }
}
