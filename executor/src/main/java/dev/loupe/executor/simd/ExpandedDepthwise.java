package dev.loupe.executor.simd;

/// A pointwise (1x1) convolution that expands `channels` input channels to `expanded` ones, bounded, feeding a
/// 2-D depthwise convolution — the first two layers of a MobileNet "inverted residual" block — computed a chunk
/// of [#CHUNK] expanded channels at a time, so that the expanded planes (six times the block's input, several
/// megabytes at the first layers) never leave this thread's cache:
///
/// `e[o] = clampA(biasA[o] + sum over k of wA[o, k] * x[k])`, then `out[o] = clampB(biasB[o] + depthwise(e[o], wB[o]))`
/// as [DepthwiseConvolution] computes it.
///
/// The expanded values come from the same micro-kernels, in the same order, as an unfused pointwise layer's
/// product, so the results are those of the two layers run one after the other (on small planes, see
/// [ExpandedDepthwiseLanes], to rounding).
///
/// Vector kernels only (callers check [Window2d#supported]); thread-safe, chunks of channels split over the
/// [WorkerPool].
public final class ExpandedDepthwise {

    /// Expanded channels per chunk: one row panel of the product.
    private static final int CHUNK = MicroKernels.MR;

    private ExpandedDepthwise() {
    }

    /// The layer pair's constants, in the layouts of both methods: the pointwise weights (`expanded x channels`)
    /// packed as the left operand of the product and, transposed, as the right operand of [ExpandedDepthwiseLanes]'
    /// product, their bias `biasA`, the depthwise weights `wB` (`taps` per expanded channel, and by tap for the
    /// lanes) and their bias `biasB`; the biases may be `null`. Immutable.
    public static final class Weights {
        final PackedA pointwise;
        final PackedB pointwiseTransposed;
        final float[] biasA;
        final float[] wB;
        final float[] biasB;
        /// Expanded channels rounded up to whole column panels, and per channel (zero past the last) for the lanes:
        /// `biasA`, `biasB`, and `wB` tap by tap (`wB[o, t]` at `t * lanes + o`).
        final int lanes;
        final float[] biasALanes;
        final float[] biasBLanes;
        final float[] wBByTap;

        private Weights(int channels, int expanded, float[] wA, float[] biasA, float[] wB, float[] biasB) {
            this.pointwise = PackedA.of(wA, 0, expanded, channels, channels, 1, 1f);
            this.pointwiseTransposed = PackedB.of(wA, 0, channels, expanded, 1, channels);
            this.biasA = biasA == null ? null : biasA.clone();
            this.wB = wB.clone();
            this.biasB = biasB == null ? null : biasB.clone();
            this.lanes = Packing.panelsB(expanded) * MicroKernels.NR;
            this.biasALanes = biasA == null ? new float[lanes] : java.util.Arrays.copyOf(biasA, lanes);
            this.biasBLanes = biasB == null ? new float[lanes] : java.util.Arrays.copyOf(biasB, lanes);
            int taps = wB.length / expanded;
            this.wBByTap = new float[taps * lanes];
            for (int o = 0; o < expanded; o++) {
                for (int t = 0; t < taps; t++) {
                    wBByTap[t * lanes + o] = wB[o * taps + t];
                }
            }
        }

        /// Packs and copies the given weights: `wA` row-major, `expanded x channels`; `wB` `taps` per channel.
        public static Weights of(int channels, int expanded, float[] wA, float[] biasA, float[] wB, float[] biasB) {
            return new Weights(channels, expanded, wA, biasA, wB, biasB);
        }

        public int channels() {
            return pointwise.depth();
        }

        public int expanded() {
            return pointwise.rows();
        }
    }

    /// One image: `x` holds `weights.channels()` input planes of `window`'s input size from `xOff`, `out` the
    /// `weights.expanded()` output planes from `outOff`. `clampA` bounds the expanded values, `clampB` the
    /// outputs; either may be `null`.
    ///
    /// Each part packs the input once as the right operand of the product, then takes chunks: the chunk's rows
    /// of the product into its own planes ([GemmDriver], from the bias, bounded as stored), and each plane
    /// through the depthwise kernel. Output rows of at most half a vector go to [ExpandedDepthwiseLanes] instead.
    public static void forward(Window2d window, float[] x, int xOff, Weights weights, Clamp clampA, Clamp clampB, float[] out,
                               int outOff, int threads) {
        if (!window.supported()) {
            throw new IllegalArgumentException("unsupported depthwise geometry " + window);
        }
        if (ExpandedDepthwiseLanes.suits(window)) {
            ExpandedDepthwiseLanes.forward(window, x, xOff, weights, clampA, clampB, out, outOff, threads);
            return;
        }
        int channels = weights.channels();
        int expanded = weights.expanded();
        int inSize = window.height() * window.width();
        int outSize = window.outHeight() * window.outWidth();
        int taps = window.kernelHeight() * window.kernelWidth();
        int chunks = (expanded + CHUNK - 1) / CHUNK;
        double work = (double) expanded * (2.0 * channels * inSize + 2.0 * taps * outSize);
        int parts = WorkerPool.parts(work, Sgemm.MIN_FLOPS_PER_PART, threads, chunks);
        var offsets = window.tapOffsets();
        float lo = clampB == null ? Float.NEGATIVE_INFINITY : clampB.lo();
        float hi = clampB == null ? Float.POSITIVE_INFINITY : clampB.hi();
        var wB = weights.wB;
        WorkerPool.runChunks(parts, chunks, 1, () -> {
            var packed = Workspace.current().packedB(Packing.sizeB(channels, inSize));
            Packing.packB(x, xOff, inSize, 1, channels, 0, inSize, packed, 0);
            return packed;
        }, (packed, first, last) -> {
            var ws = Workspace.current();
            var scratch = window.scratch();
            var planes = ws.expanded(CHUNK * inSize);
            for (int chunk = first; chunk < last; chunk++) {
                int o0 = chunk * CHUNK;
                int o1 = Math.min(expanded, o0 + CHUNK);
                // Row `o` of the product at `planes[(o - o0) * inSize]`.
                GemmDriver.packed(weights.pointwise.data(), expanded, channels, o0, o1, packed, 0, 0, inSize, planes, -o0 * inSize,
                        inSize, false, weights.biasA, 0, clampA, ws);
                for (int o = o0; o < o1; o++) {
                    window.fillScratch(planes, (o - o0) * inSize, scratch);
                    DepthwiseConvolution.channel(window, offsets, scratch, wB, o * taps,
                            weights.biasB == null ? 0f : weights.biasB[o], lo, hi, out, outOff + o * outSize);
                }
            }
        });
    }
}
