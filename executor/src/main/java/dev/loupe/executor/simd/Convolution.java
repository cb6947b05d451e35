package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import static dev.loupe.executor.simd.MicroKernels.NR;

/// Float convolution of one image and one group on top of [Sgemm], described by a gather table: for tap `t`
/// and output position `p`, `table[t * outSize + p]` is the flat spatial input position read, or -1 in the
/// padding (strides, dilations, padding and any number of spatial axes are all in the table).
///
/// - Pointwise (one tap reading position `p` for output `p`): the input is the right operand as it is.
/// - Otherwise im2col, written straight into the packed panel layout block by block of output positions;
///   runs of a panel that read contiguous inputs are copied as vectors.
/// - Depthwise (one input and one output channel per group): a direct vector loop per channel.
///
/// Thread-safe; a [Plan] is immutable and may be shared.
public final class Convolution {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;
    /// Most floats of packed columns per block (all channels and taps times the block's positions).
    private static final int COLUMN_BUDGET = 1 << 17;

    private Convolution() {
    }

    /// A gather table prepared for repeated use: whether it is pointwise, and for every tap and panel of
    /// `NR` output positions the input position of a contiguous, fully inside run (or -1).
    public static final class Plan {
        private final int[] table;
        private final int taps;
        private final int inSize;
        private final int outSize;
        private final boolean pointwise;
        private final int[] runs;

        private Plan(int[] table, int taps, int inSize, int outSize) {
            this.table = table;
            this.taps = taps;
            this.inSize = inSize;
            this.outSize = outSize;
            boolean identity = taps == 1 && inSize == outSize;
            for (int p = 0; identity && p < outSize; p++) {
                identity = table[p] == p;
            }
            this.pointwise = identity;
            int panels = Packing.panelsB(outSize);
            this.runs = new int[taps * panels];
            for (int t = 0; t < taps; t++) {
                for (int jj = 0; jj < panels; jj++) {
                    runs[t * panels + jj] = run(t, jj * NR);
                }
            }
        }

        private int run(int t, int pos0) {
            if (pos0 + NR > outSize) {
                return -1;
            }
            int first = table[t * outSize + pos0];
            if (first < 0) {
                return -1;
            }
            for (int q = 1; q < NR; q++) {
                if (table[t * outSize + pos0 + q] != first + q) {
                    return -1;
                }
            }
            return first;
        }

        public int taps() {
            return taps;
        }

        public int inputSize() {
            return inSize;
        }

        public int outputSize() {
            return outSize;
        }

        /// Whether the convolution is a plain matrix product (a 1x1 kernel, unit strides, no padding).
        public boolean pointwise() {
            return pointwise;
        }
    }

    /// A plan for `taps` taps over `inSize` input and `outSize` output positions.
    public static Plan plan(int[] table, int taps, int inSize, int outSize) {
        if (table.length != taps * outSize) {
            throw new IllegalArgumentException("table of " + table.length + " entries for " + taps + " taps x " + outSize + " positions");
        }
        return new Plan(table, taps, inSize, outSize);
    }

    /// `out[o, p] = bias[biasOff + o] + sum over c, t of W[o, c * taps + t] * x[xOff + c * inSize + table[t, p]]`
    /// for `o < weights.rows()` and `c < channels`, `weights` being `[outChannels, channels * taps]`. `out`
    /// rows are `outSize` apart from `outOff`; `bias` may be `null`.
    public static void forward(Plan plan, float[] x, int xOff, int channels, PackedA weights, float[] bias, int biasOff,
                               float[] out, int outOff, int threads) {
        int m = weights.rows();
        int k = channels * plan.taps;
        if (weights.depth() != k) {
            throw new IllegalArgumentException("weights of depth " + weights.depth() + " for " + channels + " channels x " + plan.taps + " taps");
        }
        int n = plan.outSize;
        if (bias != null) {
            for (int o = 0; o < m; o++) {
                java.util.Arrays.fill(out, outOff + o * n, outOff + (o + 1) * n, bias[biasOff + o]);
            }
        }
        boolean accumulate = bias != null;
        if (plan.pointwise || !VectorSupport.ENABLED) {
            if (plan.pointwise) {
                Sgemm.multiply(weights, x, xOff, plan.inSize, 1, n, out, outOff, n, accumulate, threads);
            } else {
                scalar(plan, x, xOff, channels, weights, out, outOff, accumulate);
            }
            return;
        }
        int block = Math.max(NR, Math.min(Packing.panelsB(n) * NR, COLUMN_BUDGET / Math.max(1, k) / NR * NR));
        int blocks = (n + block - 1) / block;
        int parts = WorkerPool.parts(2.0 * m * k * n, Sgemm.MIN_FLOPS_PER_PART, threads, blocks);
        if (parts == 1) {
            blocks(plan, x, xOff, channels, weights, out, outOff, accumulate, block, 0, blocks, Workspace.current());
            return;
        }
        WorkerPool.run(parts, part -> blocks(plan, x, xOff, channels, weights, out, outOff, accumulate, block,
                Sgemm.split(blocks, parts, part), Sgemm.split(blocks, parts, part + 1), Workspace.current()));
    }

    private static void blocks(Plan plan, float[] x, int xOff, int channels, PackedA weights, float[] out, int outOff,
                               boolean accumulate, int block, int first, int last, Workspace ws) {
        int m = weights.rows();
        int k = channels * plan.taps;
        int n = plan.outSize;
        var columns = ws.columns(Packing.sizeB(k, block));
        for (int b = first; b < last; b++) {
            int p0 = b * block;
            int width = Math.min(block, n - p0);
            packColumns(plan, x, xOff, channels, p0, width, columns);
            GemmDriver.packed(weights.data(), m, k, 0, m, columns, 0, 0, width, out, outOff + p0, n, accumulate, ws.tile());
        }
    }

    /// im2col of positions `[p0, p0 + width)` straight into packed panels (`p0` a multiple of `NR`).
    private static void packColumns(Plan plan, float[] x, int xOff, int channels, int p0, int width, float[] dst) {
        int taps = plan.taps;
        int n = plan.outSize;
        int k = channels * taps;
        int panels = Packing.panelsB(n);
        var table = plan.table;
        for (int jj = 0, blockPanels = Packing.panelsB(width); jj < blockPanels; jj++) {
            int pos0 = p0 + jj * NR;
            int valid = Math.min(NR, n - pos0);
            int panel = pos0 / NR;
            int base = jj * k * NR;
            for (int t = 0; t < taps; t++) {
                int run = plan.runs[t * panels + panel];
                int tBase = t * n + pos0;
                for (int ch = 0, d = base + t * NR, src = xOff; ch < channels; ch++, d += taps * NR, src += plan.inSize) {
                    if (run >= 0) {
                        FloatVector.fromArray(S, x, src + run).intoArray(dst, d);
                        FloatVector.fromArray(S, x, src + run + L).intoArray(dst, d + L);
                        continue;
                    }
                    for (int q = 0; q < NR; q++) {
                        int off = q < valid ? table[tBase + q] : -1;
                        dst[d + q] = off >= 0 ? x[src + off] : 0f;
                    }
                }
            }
        }
    }

    /// Depthwise convolution of `channels` channels, each with its own `taps` weights at `w[wOff + c * taps]`
    /// and bias `bias[biasOff + c]` (`bias` may be `null`): `out[c, p] = bias[c] + sum over t of
    /// w[c, t] * x[c, table[t, p]]`.
    public static void depthwise(Plan plan, float[] x, int xOff, int channels, float[] w, int wOff, float[] bias, int biasOff,
                                 float[] out, int outOff, int threads) {
        int parts = WorkerPool.parts(2.0 * channels * plan.taps * plan.outSize, Sgemm.MIN_FLOPS_PER_PART, threads, channels);
        WorkerPool.run(parts, part -> {
            var scratch = Workspace.current().tile();
            for (int c = Sgemm.split(channels, parts, part), end = Sgemm.split(channels, parts, part + 1); c < end; c++) {
                depthwiseChannel(plan, x, xOff + c * plan.inSize, w, wOff + c * plan.taps, bias == null ? 0f : bias[biasOff + c],
                        out, outOff + c * plan.outSize, scratch);
            }
        });
    }

    private static void depthwiseChannel(Plan plan, float[] x, int xi, float[] w, int wi, float bias, float[] out, int oi,
                                         float[] scratch) {
        int n = plan.outSize;
        int taps = plan.taps;
        var table = plan.table;
        if (!VectorSupport.ENABLED) {
            for (int p = 0; p < n; p++) {
                float s = bias;
                for (int t = 0; t < taps; t++) {
                    int off = table[t * n + p];
                    if (off >= 0) {
                        s += w[wi + t] * x[xi + off];
                    }
                }
                out[oi + p] = s;
            }
            return;
        }
        int panels = Packing.panelsB(n);
        for (int jj = 0; jj < panels; jj++) {
            int pos0 = jj * NR;
            int valid = Math.min(NR, n - pos0);
            var acc0 = FloatVector.broadcast(S, bias);
            var acc1 = acc0;
            for (int t = 0; t < taps; t++) {
                var wt = FloatVector.broadcast(S, w[wi + t]);
                int run = plan.runs[t * panels + jj];
                if (run >= 0) {
                    acc0 = wt.fma(FloatVector.fromArray(S, x, xi + run), acc0);
                    acc1 = wt.fma(FloatVector.fromArray(S, x, xi + run + L), acc1);
                } else {
                    for (int q = 0; q < NR; q++) {
                        int off = q < valid ? table[t * n + pos0 + q] : -1;
                        scratch[q] = off >= 0 ? x[xi + off] : 0f;
                    }
                    acc0 = wt.fma(FloatVector.fromArray(S, scratch, 0), acc0);
                    acc1 = wt.fma(FloatVector.fromArray(S, scratch, L), acc1);
                }
            }
            if (valid == NR) {
                acc0.intoArray(out, oi + pos0);
                acc1.intoArray(out, oi + pos0 + L);
            } else {
                acc0.intoArray(scratch, 0);
                acc1.intoArray(scratch, L);
                System.arraycopy(scratch, 0, out, oi + pos0, valid);
            }
        }
    }

    /// The scalar fallback of [#forward] for a non-pointwise plan.
    private static void scalar(Plan plan, float[] x, int xOff, int channels, PackedA weights, float[] out, int outOff,
                               boolean accumulate) {
        int m = weights.rows();
        int k = channels * plan.taps;
        int n = plan.outSize;
        var w = weights.data();
        var table = plan.table;
        for (int o = 0; o < m; o++) {
            int row = outOff + o * n;
            if (!accumulate) {
                java.util.Arrays.fill(out, row, row + n, 0f);
            }
            for (int r = 0; r < k; r++) {
                float wt = w[o * k + r];
                int src = xOff + r / plan.taps * plan.inSize;
                int t = r % plan.taps;
                for (int p = 0; p < n; p++) {
                    int off = table[t * n + p];
                    if (off >= 0) {
                        out[row + p] += wt * x[src + off];
                    }
                }
            }
        }
    }
}
