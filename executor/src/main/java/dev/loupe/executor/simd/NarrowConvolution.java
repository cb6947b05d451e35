package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

import static dev.loupe.executor.simd.MicroKernels.MR;
import static dev.loupe.executor.simd.MicroKernels.NR;

/// A convolution with few output positions (a CNN's last stage: 7 x 7 = 49 positions, or a 1 x 1 map) computed
/// as the transposed product `out^T = X^T W^T`, with the output channels along the vector lanes of the
/// micro-kernel and the positions along its broadcast rows. [Convolution] puts the positions along the lanes and
/// pads them to whole column panels (49 to 64 columns, a third more work); here they fill rows of 8 (49 as six
/// rows of 8 and one on the one-row kernel), and the channels, usually a multiple of the panel width, need no
/// padding.
///
/// Every output is the same chain of fused multiply-adds as in [Convolution] — from its bias, over the K blocks
/// in turn, clamped as stored — except in a last row of fewer than four positions, whose one-row kernel sums the
/// even and odd terms apart: the two agree to rounding. The copies around the product (the inputs into rows, the
/// transposed output back into planes) cost a few cycles per output, so deep layers only gain ([#pays]).
///
/// Vector kernels only (callers check [#pays]); thread-safe.
public final class NarrowConvolution {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    /// Cost of a position in a last, partial row of the product relative to one in a full row (the one- and
    /// four-row kernels wait on loads more than the eight-row one).
    private static final double PARTIAL_ROW_COST = 1.5;
    /// How much less padded work than [Convolution] this method must need to be chosen.
    private static final double GAIN = 0.85;
    /// Fewest weights per output channel: the product's share of each output must dwarf the copies' cycles.
    private static final int MIN_DEPTH = 1024;

    private NarrowConvolution() {
    }

    /// Whether a layer of `positions` output positions, `outChannels` output channels and `depth` weights per
    /// output channel needs clearly less padded work here than on [Convolution] (7 x 7 outputs do, 14 x 14 do
    /// not) and is deep enough for that to outweigh the copies (a 3 x 3 layer of 512 channels gains a tenth; a
    /// pointwise one of 320 loses as much).
    public static boolean pays(int positions, int outChannels, int depth) {
        if (!VectorSupport.ENABLED || VectorSupport.LANES < MR || positions <= 0 || outChannels < NR || depth < MIN_DEPTH) {
            return false;
        }
        double rows = positions / MR * MR + positions % MR * PARTIAL_ROW_COST;
        double channels = (double) Packing.panelsB(outChannels) * NR / outChannels;
        return rows * channels < GAIN * Packing.panelsB(positions) * NR;
    }

    /// The weights `w[off + o * depth + r]` (`outChannels x depth`, as [Convolution#forward] takes them before
    /// packing) packed as the right operand of the transposed product.
    public static PackedB weights(float[] w, int off, int outChannels, int depth) {
        return PackedB.of(w, off, depth, outChannels, 1, depth);
    }

    /// As [Convolution#forward], with the weights packed by [#weights]: `out[o, p] = clamp(bias[biasOff + o] +
    /// sum over c, t of W[o, c * taps + t] * x[xOff + c * inSize + table[t, p]])`. The parts take chunks of output
    /// channels in turn, each with its own copy of the positions' inputs (packed before its first chunk).
    public static void forward(Convolution.Plan plan, float[] x, int xOff, int channels, PackedB weights, float[] bias,
                               int biasOff, Clamp clamp, float[] out, int outOff, int threads) {
        int k = channels * plan.taps;
        int n = plan.outSize;
        int m = weights.columns();
        if (weights.depth() != k) {
            throw new IllegalArgumentException("weights of depth " + weights.depth() + " for " + channels + " channels x " + plan.taps + " taps");
        }
        int panels = Packing.panelsB(m);
        int parts = WorkerPool.parts(2.0 * m * n * k, Sgemm.MIN_FLOPS_PER_PART, threads, panels);
        WorkerPool.runChunks(parts, panels, 1, () -> positionRows(plan, x, xOff, channels), (rows, p0, p1) -> {
            int o0 = p0 * NR;
            int o1 = Math.min(m, p1 * NR);
            int width = o1 - o0;
            var ws = Workspace.current();
            var sums = ws.transposedOutput(n * width);
            for (int p = 0; p < n; p++) {
                if (bias == null) {
                    java.util.Arrays.fill(sums, p * width, (p + 1) * width, 0f);
                } else {
                    System.arraycopy(bias, biasOff + o0, sums, p * width, width);
                }
            }
            GemmDriver.weights(rows, n, k, 0, n, weights, o0, o1, sums, -o0, width, true, null, 0, clamp, ws);
            Transposition.block(sums, 0, width, out, outOff + o0 * n, n, n, width);
        });
    }

    /// `X^T`, the inputs of every output position (one row per position, `channels * taps` long), packed as the
    /// left operand into this thread's workspace: im2col into column panels, whose rows of `MR` positions are
    /// then copied into the row panels of the product's layout.
    private static float[] positionRows(Convolution.Plan plan, float[] x, int xOff, int channels) {
        int k = channels * plan.taps;
        int n = plan.outSize;
        var ws = Workspace.current();
        var columns = ws.columns(Packing.sizeB(k, n));
        Im2col.packColumns(plan, x, xOff, channels, 0, n, columns, 0);
        var rows = ws.packedA(Packing.sizeA(n, k));
        var eight = VectorMask.fromLong(S, (1L << MR) - 1);
        int step = GemmDriver.depthStep(k);
        for (int ip = 0, panels = Packing.panelsA(n); ip < panels; ip++) {
            int src = ip * MR / NR * k * NR + ip * MR % NR;
            for (int pc = 0; pc < k; pc += step) {
                int end = Math.min(k, pc + step);
                for (int q = pc, d = Packing.offsetA(n, k, ip, pc); q < end; q++, d += MR) {
                    FloatVector.fromArray(S, columns, src + q * NR, eight).intoArray(rows, d, eight);
                }
            }
        }
        return rows;
    }
}
