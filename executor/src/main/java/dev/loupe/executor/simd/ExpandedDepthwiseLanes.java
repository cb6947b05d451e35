package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import static dev.loupe.executor.simd.MicroKernels.NR;

/// [ExpandedDepthwise] on planes whose output rows fill at most half a vector (MobileNet's 7 x 7 outputs), with
/// the expanded channels along the vector lanes: a plane there fills less than half of one vector per row and
/// pays the per-channel copies and loops for a few dozen outputs. (Rows of 14 outputs fill 14 of 16 lanes:
/// there the planes are faster than the transpositions this method needs.)
///
/// Each part packs the input transposed (`X^T`, a row per position) once as the left operand, then takes chunks
/// of [MicroKernels#NR] expanded channels:
///
/// 1. the transposed product `E^T = X^T W^T` for those channels, from their bias, bounded as stored (the
///    micro-kernels as in [NarrowConvolution]: every value the same chain over the input channels as the planes'
///    product, except in a last row of fewer than four positions, which sums its even and odd terms apart —
///    the two agree to rounding);
/// 2. its rows copied into a zero-padded grid of positions, the chunk's channels in each position's two vectors;
/// 3. the depthwise layer, two vectors of channels per output position, each tap one load of the grid and one
///    of the weights arranged tap by tap — the same multiply-add chain over the taps, from the bias, as
///    [DepthwiseConvolution] computes per channel;
/// 4. the outputs, a row of channels per position, transposed back into the output planes ([Transposition]).
final class ExpandedDepthwiseLanes {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;

    private ExpandedDepthwiseLanes() {
    }

    /// Whether `window` has output rows of at most half a vector, and a column panel is two vectors.
    static boolean suits(Window2d window) {
        return window.outWidth() <= L / 2 && NR == 2 * L;
    }

    /// As [ExpandedDepthwise#forward].
    static void forward(Window2d window, float[] x, int xOff, ExpandedDepthwise.Weights weights, Clamp clampA, Clamp clampB,
                        float[] out, int outOff, int threads) {
        int channels = weights.channels();
        int expanded = weights.expanded();
        int positions = window.height() * window.width();
        int outPositions = window.outHeight() * window.outWidth();
        int taps = window.kernelHeight() * window.kernelWidth();
        int chunks = Packing.panelsB(expanded);
        double work = (double) expanded * (2.0 * channels * positions + 2.0 * taps * outPositions);
        int parts = WorkerPool.parts(work, Sgemm.MIN_FLOPS_PER_PART, threads, chunks);
        var grid = new Grid(window);
        WorkerPool.runChunks(parts, chunks, 1, () -> {
            var rows = Workspace.current().packedA(Packing.sizeA(positions, channels));
            Packing.packA(x, xOff, 1, positions, positions, channels, 1f, rows);
            return rows;
        }, (rows, first, last) -> {
            var ws = Workspace.current();
            var sums = ws.transposedOutput(positions * NR);
            var padded = ws.expanded(grid.size());
            java.util.Arrays.fill(padded, 0, grid.size(), 0f);
            var results = ws.columns(outPositions * NR);
            for (int chunk = first; chunk < last; chunk++) {
                int o0 = chunk * NR;
                int o1 = Math.min(expanded, o0 + NR);
                for (int p = 0; p < positions; p++) {
                    System.arraycopy(weights.biasALanes, o0, sums, p * NR, NR);
                }
                // Column `o` of the product at `sums[p * NR + o - o0]`.
                GemmDriver.weights(rows, positions, channels, 0, positions, weights.pointwiseTransposed, o0, o1,
                        sums, -o0, NR, true, null, 0, clampA, ws);
                grid.fill(sums, padded);
                depthwise(window, grid, padded, weights, o0, clampB, results);
                Transposition.block(results, 0, NR, out, outOff + o0 * outPositions, outPositions, outPositions, o1 - o0);
            }
        });
    }

    /// The chunk's depthwise outputs from the padded grid: position `q`'s channels at `results[q * NR]`.
    private static void depthwise(Window2d g, Grid grid, float[] padded, ExpandedDepthwise.Weights weights, int o0,
                                  Clamp clamp, float[] results) {
        var low = FloatVector.broadcast(S, clamp == null ? Float.NEGATIVE_INFINITY : clamp.lo());
        var high = FloatVector.broadcast(S, clamp == null ? Float.POSITIVE_INFINITY : clamp.hi());
        var bias0 = FloatVector.fromArray(S, weights.biasBLanes, o0);
        var bias1 = FloatVector.fromArray(S, weights.biasBLanes, o0 + L);
        int kw = g.kernelWidth();
        int taps = g.kernelHeight() * kw;
        int lanes = weights.lanes;
        float[] w = weights.wBByTap;
        for (int oy = 0, q = 0; oy < g.outHeight(); oy++) {
            for (int ox = 0; ox < g.outWidth(); ox++, q++) {
                int base = grid.at(oy * g.strideY(), ox * g.strideX());
                var acc0 = bias0;
                var acc1 = bias1;
                for (int t = 0; t < taps; t++) {
                    int at = base + grid.offset(t / kw * g.dilationY(), t % kw * g.dilationX());
                    int wt = t * lanes + o0;
                    acc0 = FloatVector.fromArray(S, w, wt).fma(FloatVector.fromArray(S, padded, at), acc0);
                    acc1 = FloatVector.fromArray(S, w, wt + L).fma(FloatVector.fromArray(S, padded, at + L), acc1);
                }
                bound(acc0, low, high).intoArray(results, q * NR);
                bound(acc1, low, high).intoArray(results, q * NR + L);
            }
        }
    }

    private static FloatVector bound(FloatVector v, FloatVector low, FloatVector high) {
        return v.blend(high, v.compare(VectorOperators.GT, high)).blend(low, v.compare(VectorOperators.LT, low));
    }

    /// The input positions with the window's padding around them, [MicroKernels#NR] floats per position, row
    /// by row: `padTop` rows above, `padLeft` columns on the left, and on the right and below as far as the
    /// last output's window reaches.
    private record Grid(int top, int left, int rowLength, int rows, int height, int width) {

        Grid(Window2d g) {
            this(g.padTop(), g.padLeft(),
                    g.padLeft() + Math.max(g.width(), (g.outWidth() - 1) * g.strideX() + (g.kernelWidth() - 1) * g.dilationX() + 1 - g.padLeft()),
                    g.padTop() + Math.max(g.height(), (g.outHeight() - 1) * g.strideY() + (g.kernelHeight() - 1) * g.dilationY() + 1 - g.padTop()),
                    g.height(), g.width());
        }

        int size() {
            return rows * rowLength * NR;
        }

        /// Where padded position `(y, x)` starts.
        int at(int y, int x) {
            return (y * rowLength + x) * NR;
        }

        /// How far apart two padded positions `dy` rows and `dx` columns apart are.
        int offset(int dy, int dx) {
            return (dy * rowLength + dx) * NR;
        }

        /// Copies the positions' rows of `sums` (row-major positions, `NR` floats each) inside the padding.
        void fill(float[] sums, float[] padded) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(sums, y * width * NR, padded, at(top + y, left), width * NR);
            }
        }
    }
}
