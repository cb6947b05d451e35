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

    private static void plane(Window2d g, int[] offsets, int first, int last, boolean edges, float[] x, int xi,
                              float[] scratch, float[] out, int oi) {
        int row = g.scratchRow();
        for (int oy = 0; oy < g.outHeight(); oy++) {
            int o = oi + oy * g.outWidth();
            int top = oy * g.strideY() - g.padTop();
            boolean inside = edges || (top >= 0 && top + (g.kernelHeight() - 1) * g.dilationY() < g.height());
            int vectorFrom = inside ? first : g.outWidth();
            int vectorTo = inside ? last : g.outWidth();
            for (int ox = 0; ox < vectorFrom; ox++) {
                out[o + ox] = border(g, x, xi, oy, ox);
            }
            for (int ox = vectorFrom; ox < vectorTo; ox += L) {
                int base = (top + g.padTop()) * row + ox;
                var best = FloatVector.fromArray(S, scratch, base + offsets[0]);
                for (int ky = 0; ky < g.kernelHeight(); ky++) {
                    int r = base + ky * g.dilationY() * row;
                    for (int kx = ky == 0 ? 1 : 0; kx < g.kernelWidth(); kx++) {
                        var v = FloatVector.fromArray(S, scratch, r + offsets[kx]);
                        best = best.blend(v, v.compare(VectorOperators.GT, best));
                    }
                }
                if (ox + L <= vectorTo) {
                    best.intoArray(out, o + ox);
                } else {
                    best.intoArray(out, o + ox, VectorMask.fromLong(S, (1L << (vectorTo - ox)) - 1));
                }
            }
            for (int ox = vectorTo; ox < g.outWidth(); ox++) {
                out[o + ox] = border(g, x, xi, oy, ox);
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
