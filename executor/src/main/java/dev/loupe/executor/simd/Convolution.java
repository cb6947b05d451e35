package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import static dev.loupe.executor.simd.MicroKernels.NR;

/// Float convolution of one image and one group on top of [Sgemm], described by a gather table: for tap `t`
/// and output position `p`, `table[t * outSize + p]` is the flat spatial input position read, or -1 in the
/// padding (strides, dilations, padding and any number of spatial axes are all in the table).
///
/// - Pointwise (one tap reading position `p` for output `p`): the input is the right operand as it is.
/// - Otherwise im2col ([Im2col]), written straight into the packed panel layout block by block of output
///   positions.
/// - Depthwise (one input and one output channel per group): a direct vector loop per channel (2-D layers
///   with a horizontal stride of 1 or 2 have their own kernel, [DepthwiseConvolution]).
///
/// Each output starts from its bias and an optional [Clamp] (a fused `Relu` or `Clip`) applies as it is stored.
///
/// Thread-safe; a [Plan] is immutable and may be shared.
public final class Convolution {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;
    /// Most floats of packed columns per block (all channels and taps times the block's positions), so that a
    /// block stays in L2 between being written and being multiplied.
    private static final int COLUMN_BUDGET = 1 << 17;
    /// Fewest panels per block, so that deep layers (few positions, many weights) stream their weights few times.
    private static final int MIN_BLOCK_PANELS = 4;
    /// Fewest blocks per part of a parallel call whose weights fit in the budget above (and so stay in L2 however
    /// often they are read): the part that finishes first waits for the other's last block, so small blocks
    /// keep that wait short.
    private static final int MIN_BLOCKS_PER_PART = 16;

    private Convolution() {
    }

    /// A gather table prepared for repeated use: whether it is pointwise and, for every tap and panel of `NR`
    /// output positions, how to load the panel's inputs: the lanes inside the input (a bit mask) and, for each
    /// vector-wide half of the panel, whether its lanes read evenly spaced input positions (`step` 1, a
    /// contiguous run, or 2, the run of a stride-2 window) and where lane 0 of the half would read. Regular
    /// halves are one or two vector loads (and a de-interleave for step 2); the others are gathered through
    /// the table. A half crossing an output row is irregular, but its neighbour usually is not.
    public static final class Plan {
        /// The step of a half whose inputs are not evenly spaced.
        static final byte SCATTERED = 0;

        final int[] table;
        /// The table with padding entries as 0, for vector gathers (which check every lane's index).
        final int[] gatherIndex;
        final int taps;
        final int inSize;
        final int outSize;
        private final boolean pointwise;
        final int panels;
        /// Per tap, panel and half (`(t * panels + jj) * 2 + h`): the position lane 0 of the half would read.
        final int[] starts;
        /// Per tap, panel and half: 1 or 2 for evenly spaced reads, [#SCATTERED] otherwise.
        final byte[] steps;
        /// Per tap, panel and half that is [#SCATTERED] (so that every other reader gathers it) but whose lanes
        /// read two or three evenly spaced runs with the same step ([#runSteps]; a half that crosses one or two
        /// output rows): the lanes where the second and the third run begin ([#secondRuns], [#thirdRuns]; 0 when
        /// there is no such run), and where lane 0 would read if each run went on back to it ([#starts] for the
        /// first run, [#secondStarts], [#thirdStarts]).
        final byte[] runSteps;
        final byte[] secondRuns;
        final byte[] thirdRuns;
        final int[] secondStarts;
        final int[] thirdStarts;
        /// Per tap and panel, bit `q` set when lane `q` reads an input position (not padding, not past the end).
        final long[] masks;

        private Plan(int[] table, int taps, int inSize, int outSize) {
            this.table = table;
            this.gatherIndex = table.clone();
            for (int i = 0; i < gatherIndex.length; i++) {
                gatherIndex[i] = Math.max(0, gatherIndex[i]);
            }
            this.taps = taps;
            this.inSize = inSize;
            this.outSize = outSize;
            boolean identity = taps == 1 && inSize == outSize;
            for (int p = 0; identity && p < outSize; p++) {
                identity = table[p] == p;
            }
            this.pointwise = identity;
            this.panels = Packing.panelsB(outSize);
            this.starts = new int[taps * panels * 2];
            this.steps = new byte[taps * panels * 2];
            this.runSteps = new byte[taps * panels * 2];
            this.secondRuns = new byte[taps * panels * 2];
            this.thirdRuns = new byte[taps * panels * 2];
            this.secondStarts = new int[taps * panels * 2];
            this.thirdStarts = new int[taps * panels * 2];
            this.masks = new long[taps * panels];
            for (int t = 0; t < taps; t++) {
                for (int jj = 0; jj < panels; jj++) {
                    describe(t, jj);
                }
            }
        }

        private void describe(int t, int jj) {
            long mask = 0;
            for (int q = 0; q < NR && jj * NR + q < outSize; q++) {
                if (table[t * outSize + jj * NR + q] >= 0) {
                    mask |= 1L << q;
                }
            }
            masks[t * panels + jj] = mask;
            for (int h = 0; h < 2; h++) {
                int key = (t * panels + jj) * 2 + h;
                int pos0 = jj * NR + h * L;
                for (byte step = 1; step <= 2 && steps[key] == SCATTERED; step++) {
                    int start = evenStart(t, pos0, step);
                    if (start != Integer.MIN_VALUE) {
                        starts[key] = start;
                        steps[key] = step;
                    }
                }
                for (byte step = 1; step <= 2 && steps[key] == SCATTERED && runSteps[key] == 0; step++) {
                    findRuns(t, pos0, key, step);
                }
            }
        }

        /// Splits the lanes of the half at `pos0` greedily into runs that each read `step` positions apart
        /// (padding lanes go with the run before them), and records them when there are two or three.
        private void findRuns(int t, int pos0, int key, byte step) {
            int[] runStarts = new int[3];
            int[] runLanes = new int[3];
            int runs = 0;
            int start = Integer.MIN_VALUE;
            for (int q = 0; q < L && pos0 + q < outSize; q++) {
                int off = table[t * outSize + pos0 + q];
                if (off < 0 || (start != Integer.MIN_VALUE && off == start + step * q)) {
                    continue;
                }
                if (runs == 3) {
                    return;
                }
                start = off - step * q;
                runStarts[runs] = start;
                runLanes[runs] = runs == 0 ? 0 : q;
                runs++;
            }
            if (runs < 2) {
                return;
            }
            runSteps[key] = step;
            starts[key] = runStarts[0];
            secondRuns[key] = (byte) runLanes[1];
            secondStarts[key] = runStarts[1];
            if (runs == 3) {
                thirdRuns[key] = (byte) runLanes[2];
                thirdStarts[key] = runStarts[2];
            }
        }

        /// Where lane 0 of the `L` positions from `pos0` would read if every lane inside the input reads
        /// `step` positions after the previous lane; `Integer.MIN_VALUE` when they do not (or none is inside).
        private int evenStart(int t, int pos0, int step) {
            int start = Integer.MIN_VALUE;
            for (int q = 0; q < L && pos0 + q < outSize; q++) {
                int off = table[t * outSize + pos0 + q];
                if (off < 0) {
                    continue;
                }
                if (start == Integer.MIN_VALUE) {
                    start = off - step * q;
                } else if (off != start + step * q) {
                    return Integer.MIN_VALUE;
                }
            }
            return start;
        }

        public int taps() {
            return taps;
        }

        int[] table() {
            return table;
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

    /// `out[o, p] = clamp(bias[biasOff + o] + sum over c, t of W[o, c * taps + t] * x[xOff + c * inSize + table[t, p]])`
    /// for `o < weights.rows()` and `c < channels`, `weights` being `[outChannels, channels * taps]`. `out`
    /// rows are `outSize` apart from `outOff`; `bias` and `clamp` may be `null`. The bias is where each sum
    /// starts and the clamp applies as the sums are stored, so neither costs a pass over the output.
    public static void forward(Plan plan, float[] x, int xOff, int channels, PackedA weights, float[] bias, int biasOff,
                               Clamp clamp, float[] out, int outOff, int threads) {
        int m = weights.rows();
        int k = channels * plan.taps;
        if (weights.depth() != k) {
            throw new IllegalArgumentException("weights of depth " + weights.depth() + " for " + channels + " channels x " + plan.taps + " taps");
        }
        int n = plan.outSize;
        if (!VectorSupport.ENABLED || k == 0) {
            fillBias(bias, biasOff, m, out, outOff, n);
            if (plan.pointwise) {
                Sgemm.multiply(weights, x, xOff, plan.inSize, 1, n, out, outOff, n, bias != null, threads);
            } else {
                scalar(plan, x, xOff, channels, weights, out, outOff, bias != null);
            }
            clampRows(clamp, m, out, outOff, n);
            return;
        }
        if (plan.pointwise) {
            Sgemm.multiplyBiased(weights, x, xOff, plan.inSize, n, out, outOff, n, bias, biasOff, clamp, threads);
            return;
        }
        int panels = Packing.panelsB(n);
        int rowPanels = Packing.panelsA(m);
        int wanted = WorkerPool.parts(2.0 * m * k * n, Sgemm.MIN_FLOPS_PER_PART, threads, Math.max(panels, rowPanels));
        if (wanted > 1 && panels < 4 * wanted && rowPanels >= 4 * wanted) {
            splitRows(plan, x, xOff, channels, weights, bias, biasOff, clamp, out, outOff, wanted);
            return;
        }
        wanted = Math.min(wanted, panels);
        int blockPanels = Math.max(MIN_BLOCK_PANELS, COLUMN_BUDGET / Math.max(1, k) / NR);
        int blocks = Math.min(panels, Math.max(wanted, (panels + blockPanels - 1) / blockPanels));
        if (wanted == 1) {
            blocks(plan, x, xOff, channels, weights, bias, biasOff, clamp, out, outOff, blocks, 0, blocks, Workspace.current());
            return;
        }
        if ((long) m * k <= COLUMN_BUDGET) {
            blocks = Math.min(panels, Math.max(blocks, MIN_BLOCKS_PER_PART * wanted));
        }
        // Blocks rounded up to a whole number per part, so that the parts get the same number of panels.
        int even = Math.min(panels, (blocks + wanted - 1) / wanted * wanted);
        WorkerPool.runChunks(wanted, even, 1, (first, last) -> blocks(plan, x, xOff, channels, weights, bias, biasOff, clamp,
                out, outOff, even, first, last, Workspace.current()));
    }

    /// A layer with few output positions and many output channels (the deep layers of a CNN, whose weights
    /// outweigh their inputs): the parts take chunks of output channels in turn, so that every part reads only
    /// its share of the weights, each packing all the columns for itself before its first chunk (a small share
    /// of the work here, and read back from its own cache rather than another core's).
    private static void splitRows(Plan plan, float[] x, int xOff, int channels, PackedA weights, float[] bias, int biasOff,
                                  Clamp clamp, float[] out, int outOff, int parts) {
        int m = weights.rows();
        int k = channels * plan.taps;
        int n = plan.outSize;
        WorkerPool.runChunks(parts, Packing.panelsA(m), 1, () -> {
            var columns = Workspace.current().columns(Packing.sizeB(k, n));
            Im2col.packColumns(plan, x, xOff, channels, 0, n, columns, 0);
            return columns;
        }, (columns, p0, p1) -> GemmDriver.packed(weights.data(), m, k, p0 * MicroKernels.MR, Math.min(m, p1 * MicroKernels.MR),
                columns, 0, 0, n, out, outOff, n, false, bias, biasOff, clamp, Workspace.current()));
    }

    /// Sets the `m` output rows (`n` apart from `outOff`) to their bias; no-op without one.
    private static void fillBias(float[] bias, int biasOff, int m, float[] out, int outOff, int n) {
        if (bias == null) {
            return;
        }
        for (int o = 0; o < m; o++) {
            java.util.Arrays.fill(out, outOff + o * n, outOff + (o + 1) * n, bias[biasOff + o]);
        }
    }

    /// Applies `clamp` to the `m` output rows (`n` apart from `outOff`); no-op without one.
    private static void clampRows(Clamp clamp, int m, float[] out, int outOff, int n) {
        if (clamp == null) {
            return;
        }
        clamp.applyTo(out, outOff, outOff + m * n);
    }

    /// Blocks `[first, last)` of the output positions cut into `blocks` blocks of whole column panels, as equal
    /// as they can be: each block's im2col panels and product (from the bias, clamped as stored), so that parts
    /// running in parallel share no work.
    private static void blocks(Plan plan, float[] x, int xOff, int channels, PackedA weights, float[] bias, int biasOff,
                               Clamp clamp, float[] out, int outOff, int blocks, int first, int last, Workspace ws) {
        int m = weights.rows();
        int k = channels * plan.taps;
        int n = plan.outSize;
        int panels = Packing.panelsB(n);
        var columns = ws.columns(Packing.sizeB(k, (panels + blocks - 1) / blocks * NR));
        for (int b = first; b < last; b++) {
            int p0 = (int) ((long) panels * b / blocks) * NR;
            int width = Math.min(n, (int) ((long) panels * (b + 1) / blocks) * NR) - p0;
            Im2col.packColumns(plan, x, xOff, channels, p0, width, columns, 0);
            GemmDriver.packed(weights.data(), m, k, 0, m, columns, 0, 0, width, out, outOff + p0, n, false, bias, biasOff,
                    clamp, ws);
        }
    }

    /// Depthwise convolution of `channels` channels, each with its own `taps` weights at `w[wOff + c * taps]`
    /// and bias `bias[biasOff + c]` (`bias` and `clamp` may be `null`): `out[c, p] = clamp(bias[c] + sum over t
    /// of w[c, t] * x[c, table[t, p]])`.
    public static void depthwise(Plan plan, float[] x, int xOff, int channels, float[] w, int wOff, float[] bias, int biasOff,
                                 Clamp clamp, float[] out, int outOff, int threads) {
        int parts = WorkerPool.parts(2.0 * channels * plan.taps * plan.outSize, Sgemm.MIN_FLOPS_PER_PART, threads, channels);
        WorkerPool.runChunks(parts, channels, 1, (first, end) -> {
            var scratch = Workspace.current().tile();
            for (int c = first; c < end; c++) {
                int o = outOff + c * plan.outSize;
                depthwiseChannel(plan, x, xOff + c * plan.inSize, w, wOff + c * plan.taps, bias == null ? 0f : bias[biasOff + c],
                        out, o, scratch);
                if (clamp != null) {
                    clamp.applyTo(out, o, o + plan.outSize);
                }
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
                Im2col.loadPanel(plan, x, xi, t, jj, scratch, 0);
                acc0 = wt.fma(FloatVector.fromArray(S, scratch, 0), acc0);
                acc1 = wt.fma(FloatVector.fromArray(S, scratch, L), acc1);
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
