package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import static dev.loupe.executor.simd.MicroKernels.NR;

/// Loads the inputs of a window plan ([Convolution.Plan]) panel by panel: into packed im2col columns for the
/// convolution's product ([#packColumns]) or one panel at a time for the pooling kernels ([#loadPanel]).
/// Each 16-lane half of a panel is one vector load when its lanes read a contiguous run, two loads and a
/// de-interleave when they read every other position (a stride-2 window), and a gather otherwise; padding
/// lanes are zero.
final class Im2col {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;
    /// Picks the even lanes of two consecutive vectors: the inputs of a stride-2 window.
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(S, i -> 2 * i);

    private Im2col() {
    }

    /// im2col of positions `[p0, p0 + width)` straight into packed panels (`p0` a multiple of `NR`), the first
    /// at `dstOff`.
    static void packColumns(Convolution.Plan plan, float[] x, int xOff, int channels, int p0, int width, float[] dst, int dstOff) {
        int taps = plan.taps;
        int k = channels * taps;
        for (int jj = 0, blockPanels = Packing.panelsB(width); jj < blockPanels; jj++) {
            int panel = p0 / NR + jj;
            int base = dstOff + jj * k * NR;
            for (int t = 0; t < taps; t++) {
                long mask = plan.masks[t * plan.panels + panel];
                int key = (t * plan.panels + panel) * 2;
                for (int h = 0; h < 2; h++) {
                    long bits = (mask >>> (h * L)) & ((1L << L) - 1);
                    int d = base + t * NR + h * L;
                    if (plan.runSteps[key + h] == 0) {
                        packHalf(plan, x, xOff, channels, t, panel, h, plan.steps[key + h], plan.starts[key + h], bits, dst, d);
                    } else if (!packRuns(plan, x, xOff, channels, key + h, bits, dst, d)) {
                        // Next to the ends of `x`, rare: lane by lane (a gather run this seldom stays in code that
                        // allocates).
                        for (int ch = 0; ch < channels; ch++) {
                            copyLanes(plan, x, xOff + ch * plan.inSize, t, panel, h, bits, dst, d + ch * taps * NR);
                        }
                    }
                }
            }
        }
    }

    /// A half whose lanes read two or three evenly spaced runs (it crosses output rows; `key` as in
    /// [Convolution.Plan#runSteps]) in every channel (`taps * NR` apart from `d`): each run one load, or two and a
    /// de-interleave at step 2, blended (padding lanes zero). Returns false, writing nothing, when a load would
    /// reach outside `x` (a run next to its ends). A half of two runs loads its second
    /// run twice (as its "third", under no lane), which keeps one loop for both.
    private static boolean packRuns(Convolution.Plan plan, float[] x, int xOff, int channels, int key, long bits, float[] dst,
                                    int d) {
        int step = plan.runSteps[key];
        int secondLane = plan.secondRuns[key];
        int thirdLane = plan.thirdRuns[key] == 0 ? L : plan.thirdRuns[key];
        int first = xOff + plan.starts[key];
        int second = xOff + plan.secondStarts[key];
        int third = plan.thirdRuns[key] == 0 ? second : xOff + plan.thirdStarts[key];
        int last = (channels - 1) * plan.inSize + step * L;
        if (Math.min(first, Math.min(second, third)) < 0 || Math.max(first, Math.max(second, third)) + last > x.length) {
            return false;
        }
        long fromSecond = -1L << secondLane;
        long fromThird = thirdLane == L ? 0 : -1L << thirdLane;
        var firstLanes = VectorMask.fromLong(S, bits & ~fromSecond);
        var secondLanes = VectorMask.fromLong(S, bits & fromSecond & ~fromThird);
        var thirdLanes = VectorMask.fromLong(S, bits & fromThird);
        var zero = FloatVector.zero(S);
        int stride = plan.taps * NR;
        int inSize = plan.inSize;
        if (step == 1) {
            for (int ch = 0; ch < channels; ch++, d += stride, first += inSize, second += inSize, third += inSize) {
                zero.blend(FloatVector.fromArray(S, x, first), firstLanes)
                        .blend(FloatVector.fromArray(S, x, second), secondLanes)
                        .blend(FloatVector.fromArray(S, x, third), thirdLanes).intoArray(dst, d);
            }
        } else {
            for (int ch = 0; ch < channels; ch++, d += stride, first += inSize, second += inSize, third += inSize) {
                var a = FloatVector.fromArray(S, x, first).rearrange(EVEN, FloatVector.fromArray(S, x, first + L));
                var b = FloatVector.fromArray(S, x, second).rearrange(EVEN, FloatVector.fromArray(S, x, second + L));
                var c = FloatVector.fromArray(S, x, third).rearrange(EVEN, FloatVector.fromArray(S, x, third + L));
                zero.blend(a, firstLanes).blend(b, secondLanes).blend(c, thirdLanes).intoArray(dst, d);
            }
        }
        return true;
    }

    /// Half `h` of the panel's rows for tap `t` in every channel (`taps * NR` apart from `d`), as
    /// [#loadHalf] loads it for one: the kind of load is chosen once, then repeated down the channels.
    private static void packHalf(Convolution.Plan plan, float[] x, int xOff, int channels, int t, int panel, int h, byte step,
                                 int start, long bits, float[] dst, int d) {
        int stride = plan.taps * NR;
        int inSize = plan.inSize;
        long full = (1L << L) - 1;
        if (bits == 0) {
            var zero = FloatVector.zero(S);
            for (int ch = 0; ch < channels; ch++, d += stride) {
                zero.intoArray(dst, d);
            }
        } else if (step == 1 && bits == full) {
            for (int ch = 0, src = xOff + start; ch < channels; ch++, d += stride, src += inSize) {
                FloatVector.fromArray(S, x, src).intoArray(dst, d);
            }
        } else if (step == 1) {
            var m = VectorMask.fromLong(S, bits);
            for (int ch = 0, src = xOff + start; ch < channels; ch++, d += stride, src += inSize) {
                FloatVector.fromArray(S, x, src, m).intoArray(dst, d);
            }
        } else if (step == 2 && xOff + start >= 0 && xOff + start + (channels - 1) * inSize + 2 * L <= x.length) {
            var m = VectorMask.fromLong(S, bits);
            var zero = FloatVector.zero(S);
            for (int ch = 0, src = xOff + start; ch < channels; ch++, d += stride, src += inSize) {
                var even = FloatVector.fromArray(S, x, src).rearrange(EVEN, FloatVector.fromArray(S, x, src + L));
                zero.blend(even, m).intoArray(dst, d);
            }
        } else if (step == Convolution.Plan.SCATTERED) {
            for (int ch = 0, src = xOff; ch < channels; ch++, d += stride, src += inSize) {
                loadHalf(plan, x, src, t, panel, h, step, 0, bits, dst, d);
            }
        } else {
            // A stride-2 half next to the ends of `x`, rare: lane by lane.
            for (int ch = 0, src = xOff; ch < channels; ch++, d += stride, src += inSize) {
                copyLanes(plan, x, src, t, panel, h, bits, dst, d);
            }
        }
    }

    /// The `NR` inputs of tap `t` for the output positions of `panel`, from the channel at `src`, into `dst`
    /// at `d` (zeros in the padding and past the last position).
    static void loadPanel(Convolution.Plan plan, float[] x, int src, int t, int panel, float[] dst, int d) {
        long mask = plan.masks[t * plan.panels + panel];
        if (mask == 0) {
            FloatVector.zero(S).intoArray(dst, d);
            FloatVector.zero(S).intoArray(dst, d + L);
            return;
        }
        int key = (t * plan.panels + panel) * 2;
        loadHalf(plan, x, src, t, panel, 0, plan.steps[key], plan.starts[key], mask, dst, d);
        loadHalf(plan, x, src, t, panel, 1, plan.steps[key + 1], plan.starts[key + 1], mask >>> L, dst, d + L);
    }

    /// Half `h` of [#loadPanel]: its `L` lanes, `bits` marking those inside the input.
    private static void loadHalf(Convolution.Plan plan, float[] x, int src, int t, int panel, int h, byte step, int start, long bits,
                                 float[] dst, int d) {
        long full = (1L << L) - 1;
        bits &= full;
        int base = src + start;
        if (bits == 0) {
            FloatVector.zero(S).intoArray(dst, d);
        } else if (step == 1 && bits == full) {
            FloatVector.fromArray(S, x, base).intoArray(dst, d);
        } else if (step == 1) {
            FloatVector.fromArray(S, x, base, VectorMask.fromLong(S, bits)).intoArray(dst, d);
        } else if (step == 2 && base >= 0 && base + 2 * L <= x.length) {
            // Always blended: a choice between two vectors would make the JIT allocate them.
            var even = FloatVector.fromArray(S, x, base).rearrange(EVEN, FloatVector.fromArray(S, x, base + L));
            FloatVector.zero(S).blend(even, VectorMask.fromLong(S, bits)).intoArray(dst, d);
        } else if ((panel * NR) + (h + 1) * L <= plan.outSize) {
            int tBase = t * plan.outSize + panel * NR + h * L;
            FloatVector.fromArray(S, x, src, plan.gatherIndex, tBase, VectorMask.fromLong(S, bits)).intoArray(dst, d);
        } else {
            copyLanes(plan, x, src, t, panel, h, bits, dst, d);
        }
    }

    /// [#loadHalf] one lane at a time.
    private static void copyLanes(Convolution.Plan plan, float[] x, int src, int t, int panel, int h, long bits, float[] dst,
                                  int d) {
        int tBase = t * plan.outSize + panel * NR + h * L;
        for (int q = 0; q < L; q++) {
            dst[d + q] = (bits >>> q & 1) != 0 ? x[src + plan.table[tBase + q]] : 0f;
        }
    }
}
