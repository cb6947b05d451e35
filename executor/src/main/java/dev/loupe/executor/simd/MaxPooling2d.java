package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/// Direct float `MaxPool` over 2-D planes with a horizontal stride of 1 or 2 ([Window2d]).
///
/// Result of an output: the first tap inside the input (taps in row-major order), replaced by each later tap
/// that is greater — the rule of [Pooling#max], so NaN is kept only when it comes first. Outputs are computed
/// a vector of columns at a time from the plane's scratch copy. With unit dilations the copy's padding
/// repeats the nearest edge element ([Window2d#fillScratchWithEdges]), so the border outputs are computed
/// the same way; otherwise only outputs whose whole window lies inside the input are, and the border ones
/// (a tap or two wide) one by one, skipping the padding.
///
/// Thread-safe: planes are split over the [WorkerPool], each part using its own thread's scratch.
public final class MaxPooling2d {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;
    /// Fewest window taps worth a part of a parallel call (comparisons run at about the speed of loads).
    private static final double MIN_TAPS_PER_PART = 1 << 19;

    private MaxPooling2d() {
    }

    /// Pools `planes` planes, contiguous from `xOff` and `outOff`.
    public static void forward(Window2d g, float[] x, int xOff, int planes, float[] out, int outOff, int threads) {
        if (!g.supported()) {
            throw new IllegalArgumentException("unsupported pooling window " + g);
        }
        int inSize = g.height() * g.width();
        int outSize = g.outHeight() * g.outWidth();
        int taps = g.kernelHeight() * g.kernelWidth();
        int parts = WorkerPool.parts((double) planes * taps * outSize, MIN_TAPS_PER_PART, threads, planes);
        var offsets = g.tapOffsets();
        boolean edges = g.edgesReplicable();
        // Output columns computed as vectors: [first, last), all with the edges copied into the padding, else
        // those whose window is inside the input across.
        int reach = (g.kernelWidth() - 1) * g.dilationX();
        int first = edges ? 0 : Math.min(g.outWidth(), (g.padLeft() + g.strideX() - 1) / g.strideX());
        int last = edges ? g.outWidth()
                : Math.max(first, Math.min(g.outWidth(), Math.floorDiv(g.width() - 1 - reach + g.padLeft(), g.strideX()) + 1));
        WorkerPool.runChunks(parts, planes, 1, (firstPlane, end) -> {
            var scratch = g.scratch();
            for (int p = firstPlane; p < end; p++) {
                int xi = xOff + p * inSize;
                if (edges) {
                    g.fillScratchWithEdges(x, xi, scratch);
                } else {
                    g.fillScratch(x, xi, scratch);
                }
                plane(g, offsets, first, last, edges, x, xi, scratch, out, outOff + p * outSize);
            }
        });
    }

    /// One plane, two output rows at a time where both have vectors of outputs, two vectors of each at a time
    /// where the row has them: each vector's running maximum is a chain of dependent compare-and-blend steps,
    /// one per tap, and independent chains side by side keep the core busy while each waits for its last step
    /// (one at a time ran 1.5x slower than two; four take another 8–10% off ResNet's max pooling).
    private static void plane(Window2d g, int[] offsets, int first, int last, boolean edges, float[] x, int xi,
                              float[] scratch, float[] out, int oi) {
        int oy = 0;
        while (oy < g.outHeight()) {
            boolean inside = vectorRow(g, edges, oy);
            boolean pair = inside && oy + 1 < g.outHeight() && vectorRow(g, edges, oy + 1);
            int second = pair ? oy + 1 : oy;
            for (int r = oy; r <= second; r++) {
                int o = oi + r * g.outWidth();
                int vectorFrom = inside ? first : g.outWidth();
                for (int ox = 0; ox < vectorFrom; ox++) {
                    out[o + ox] = border(g, x, xi, r, ox);
                }
                for (int ox = Math.max(vectorFrom, inside ? last : 0); ox < g.outWidth(); ox++) {
                    out[o + ox] = border(g, x, xi, r, ox);
                }
            }
            if (inside) {
                vectors(g, offsets, first, last, scratch, oy, second, out, oi);
            }
            oy = second + 1;
        }
    }

    /// Whether output row `oy` is computed a vector at a time between the border columns: its windows lie within
    /// the scratch rows (always, with the edges copied into the padding).
    private static boolean vectorRow(Window2d g, boolean edges, int oy) {
        int top = oy * g.strideY() - g.padTop();
        return edges || (top >= 0 && top + (g.kernelHeight() - 1) * g.dilationY() < g.height());
    }

    /// Output columns `[first, last)` of rows `oy` and `second` (the same row for a row computed alone): pairs of
    /// vectors, then single ones, the last one masked to `last`.
    private static void vectors(Window2d g, int[] offsets, int first, int last, float[] scratch, int oy, int second,
                                float[] out, int oi) {
        int row = g.scratchRow();
        int o0 = oi + oy * g.outWidth();
        int o1 = oi + second * g.outWidth();
        int down = (second - oy) * g.strideY() * row;
        int ox = first;
        for (; ox + 2 * L <= last; ox += 2 * L) {
            int base = oy * g.strideY() * row + ox;
            var best00 = FloatVector.fromArray(S, scratch, base + offsets[0]);
            var best01 = FloatVector.fromArray(S, scratch, base + L + offsets[0]);
            var best10 = FloatVector.fromArray(S, scratch, base + down + offsets[0]);
            var best11 = FloatVector.fromArray(S, scratch, base + down + L + offsets[0]);
            for (int ky = 0; ky < g.kernelHeight(); ky++) {
                int r = base + ky * g.dilationY() * row;
                for (int kx = ky == 0 ? 1 : 0; kx < g.kernelWidth(); kx++) {
                    var v00 = FloatVector.fromArray(S, scratch, r + offsets[kx]);
                    var v01 = FloatVector.fromArray(S, scratch, r + L + offsets[kx]);
                    var v10 = FloatVector.fromArray(S, scratch, r + down + offsets[kx]);
                    var v11 = FloatVector.fromArray(S, scratch, r + down + L + offsets[kx]);
                    best00 = best00.blend(v00, v00.compare(VectorOperators.GT, best00));
                    best01 = best01.blend(v01, v01.compare(VectorOperators.GT, best01));
                    best10 = best10.blend(v10, v10.compare(VectorOperators.GT, best10));
                    best11 = best11.blend(v11, v11.compare(VectorOperators.GT, best11));
                }
            }
            best00.intoArray(out, o0 + ox);
            best01.intoArray(out, o0 + ox + L);
            best10.intoArray(out, o1 + ox);
            best11.intoArray(out, o1 + ox + L);
        }
        for (; ox < last; ox += L) {
            int base = oy * g.strideY() * row + ox;
            var best0 = FloatVector.fromArray(S, scratch, base + offsets[0]);
            var best1 = FloatVector.fromArray(S, scratch, base + down + offsets[0]);
            for (int ky = 0; ky < g.kernelHeight(); ky++) {
                int r = base + ky * g.dilationY() * row;
                for (int kx = ky == 0 ? 1 : 0; kx < g.kernelWidth(); kx++) {
                    var v0 = FloatVector.fromArray(S, scratch, r + offsets[kx]);
                    var v1 = FloatVector.fromArray(S, scratch, r + down + offsets[kx]);
                    best0 = best0.blend(v0, v0.compare(VectorOperators.GT, best0));
                    best1 = best1.blend(v1, v1.compare(VectorOperators.GT, best1));
                }
            }
            if (ox + L <= last) {
                best0.intoArray(out, o0 + ox);
                best1.intoArray(out, o1 + ox);
            } else {
                var mask = VectorMask.fromLong(S, (1L << (last - ox)) - 1);
                best0.intoArray(out, o0 + ox, mask);
                best1.intoArray(out, o1 + ox, mask);
            }
        }
    }

    /// One output whose window may reach into the padding, from the input plane at `xi`.
    private static float border(Window2d g, float[] x, int xi, int oy, int ox) {
        float best = Float.NEGATIVE_INFINITY;
        boolean seen = false;
        for (int ky = 0; ky < g.kernelHeight(); ky++) {
            int iy = oy * g.strideY() - g.padTop() + ky * g.dilationY();
            if (iy < 0 || iy >= g.height()) {
                continue;
            }
            for (int kx = 0; kx < g.kernelWidth(); kx++) {
                int ix = ox * g.strideX() - g.padLeft() + kx * g.dilationX();
                if (ix >= 0 && ix < g.width()) {
                    float v = x[xi + iy * g.width() + ix];
                    if (!seen || v > best) {
                        best = v;
                        seen = true;
                    }
                }
            }
        }
        return best;
    }
}
