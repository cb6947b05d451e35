package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/// Direct 2-D depthwise convolution (one input and one output channel per group) with a horizontal stride of
/// 1 or 2, computed a vector of output columns at a time.
///
/// Each channel's input rows are first copied into a per-thread scratch plane ([Window2d#fillScratch]) with
/// the horizontal padding as zeros, so that every tap of a vector of outputs is one unmasked load, also for a
/// stride of 2.
///
/// Vertical padding is zero rows of the scratch plane, so every output row runs the same loop. The arithmetic per
/// output is the same fused multiply-add chain over the taps in row-major order, starting from the bias (a tap
/// in the padding adds a product with zero).
///
/// Thread-safe: channels are split over the [WorkerPool], each part using its own thread's scratch.
public final class DepthwiseConvolution {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;
    /// Fewest multiply-adds worth a part of a parallel call: about 30 µs at this kernel's speed, which is
    /// bound by loads rather than by the FMA units, so far fewer than a matrix product's share.
    private static final double MIN_TAPS_PER_PART = 1 << 19;

    private DepthwiseConvolution() {
    }

    /// `out[c, oy, ox] = bias[c] + sum over ky, kx of w[c, ky, kx] * x[c, oy * sy - padTop + ky * dy, ox * sx -
    /// padLeft + kx * dx]` (zero outside the input), passed through `clamp` as stored, for `c < channels`; channel
    /// planes are contiguous from `xOff` and `outOff`, weights `kernelHeight * kernelWidth` per channel from
    /// `wOff`; `bias` and `clamp` may be `null`.
    public static void forward(Window2d g, float[] x, int xOff, int channels, float[] w, int wOff, float[] bias, int biasOff,
                               Clamp clamp, float[] out, int outOff, int threads) {
        if (!g.supported()) {
            throw new IllegalArgumentException("unsupported depthwise geometry " + g);
        }
        int taps = g.kernelHeight() * g.kernelWidth();
        int inSize = g.height() * g.width();
        int outSize = g.outHeight() * g.outWidth();
        int parts = WorkerPool.parts((double) channels * taps * outSize, MIN_TAPS_PER_PART, threads, channels);
        var offsets = g.tapOffsets();
        // Without a clamp the bounds are infinite and the blend before each store changes nothing.
        float lo = clamp == null ? Float.NEGATIVE_INFINITY : clamp.lo();
        float hi = clamp == null ? Float.POSITIVE_INFINITY : clamp.hi();
        WorkerPool.runChunks(parts, channels, 1, (first, end) -> {
            var scratch = g.scratch();
            for (int c = first; c < end; c++) {
                g.fillScratch(x, xOff + c * inSize, scratch);
                int o = outOff + c * outSize;
                channel(g, offsets, scratch, w, wOff + c * taps, bias == null ? 0f : bias[biasOff + c], lo, hi, out, o);
            }
        });
    }

    /// One channel from its scratch plane into the output plane at `oi`.
    static void channel(Window2d g, int[] offsets, float[] scratch, float[] w, int wi, float bias, float lo, float hi,
                                float[] out, int oi) {
        if (g.kernelWidth() == 3 && g.kernelHeight() == 3) {
            plane3x3(g, offsets, scratch, w, wi, bias, lo, hi, out, oi);
            return;
        }
        var low = FloatVector.broadcast(S, lo);
        var high = FloatVector.broadcast(S, hi);
        int row = g.scratchRow();
        int kw = g.kernelWidth();
        var biasVector = FloatVector.broadcast(S, bias);
        for (int oy = 0; oy < g.outHeight(); oy++) {
            int o = oi + oy * g.outWidth();
            for (int ox = 0; ox < g.outWidth(); ox += L) {
                var acc = biasVector;
                for (int ky = 0; ky < g.kernelHeight(); ky++) {
                    int base = (oy * g.strideY() + ky * g.dilationY()) * row + ox;
                    int wk = wi + ky * kw;
                    for (int kx = 0; kx < kw; kx++) {
                        acc = FloatVector.broadcast(S, w[wk + kx]).fma(FloatVector.fromArray(S, scratch, base + offsets[kx]), acc);
                    }
                }
                var bounded = acc.blend(high, acc.compare(VectorOperators.GT, high)).blend(low, acc.compare(VectorOperators.LT, low));
                if (ox + L <= g.outWidth()) {
                    bounded.intoArray(out, o + ox);
                } else {
                    bounded.intoArray(out, o + ox, VectorMask.fromLong(S, (1L << (g.outWidth() - ox)) - 1));
                }
            }
        }
    }

    /// One channel of a 3x3 kernel: the nine weights stay in registers for the whole plane (small planes have
    /// rows of one vector or less, so broadcasting them per row would cost as much as the row).
    private static void plane3x3(Window2d g, int[] offsets, float[] scratch, float[] w, int wi, float biasValue, float lo,
                                 float hi, float[] out, int oi) {
        var bias = FloatVector.broadcast(S, biasValue);
        var low = FloatVector.broadcast(S, lo);
        var high = FloatVector.broadcast(S, hi);
        var w0 = FloatVector.broadcast(S, w[wi]);
        var w1 = FloatVector.broadcast(S, w[wi + 1]);
        var w2 = FloatVector.broadcast(S, w[wi + 2]);
        var w3 = FloatVector.broadcast(S, w[wi + 3]);
        var w4 = FloatVector.broadcast(S, w[wi + 4]);
        var w5 = FloatVector.broadcast(S, w[wi + 5]);
        var w6 = FloatVector.broadcast(S, w[wi + 6]);
        var w7 = FloatVector.broadcast(S, w[wi + 7]);
        var w8 = FloatVector.broadcast(S, w[wi + 8]);
        int a = offsets[0];
        int b = offsets[1];
        int c = offsets[2];
        int row = g.scratchRow();
        int step = g.dilationY() * row;
        int width = g.outWidth();
        // A partial last vector of a row is stored through this mask (all lanes when the row fills its vectors).
        var tail = VectorMask.fromLong(S, width % L == 0 ? -1L : (1L << (width % L)) - 1);
        int oy = 0;
        // When the rows are as far apart as the taps (stride 1, no dilation), the second row's first two tap
        // rows are the first row's last two: loaded once, 12 loads for the two rows instead of 18. (Its own
        // copy of the loop, stores included: a helper taking or returning the sums would box them.)
        boolean shared = g.strideY() == g.dilationY();
        for (; shared && oy + 1 < g.outHeight(); oy += 2) {
            int top = oy * g.strideY() * row;
            int o = oi + oy * width;
            for (int ox = 0; ox < width; ox += L) {
                int r0 = top + ox;
                int r1 = r0 + step;
                int r2 = r1 + step;
                int r3 = r2 + step;
                var x0 = FloatVector.fromArray(S, scratch, r1 + a);
                var x1 = FloatVector.fromArray(S, scratch, r1 + b);
                var x2 = FloatVector.fromArray(S, scratch, r1 + c);
                var acc = w0.fma(FloatVector.fromArray(S, scratch, r0 + a), bias);
                var acd = w0.fma(x0, bias);
                acc = w1.fma(FloatVector.fromArray(S, scratch, r0 + b), acc);
                acd = w1.fma(x1, acd);
                acc = w2.fma(FloatVector.fromArray(S, scratch, r0 + c), acc);
                acd = w2.fma(x2, acd);
                acc = w3.fma(x0, acc);
                acc = w4.fma(x1, acc);
                acc = w5.fma(x2, acc);
                var y0 = FloatVector.fromArray(S, scratch, r2 + a);
                var y1 = FloatVector.fromArray(S, scratch, r2 + b);
                var y2 = FloatVector.fromArray(S, scratch, r2 + c);
                acd = w3.fma(y0, acd);
                acc = w6.fma(y0, acc);
                acd = w4.fma(y1, acd);
                acc = w7.fma(y1, acc);
                acd = w5.fma(y2, acd);
                acc = w8.fma(y2, acc);
                acd = w6.fma(FloatVector.fromArray(S, scratch, r3 + a), acd);
                acd = w7.fma(FloatVector.fromArray(S, scratch, r3 + b), acd);
                acd = w8.fma(FloatVector.fromArray(S, scratch, r3 + c), acd);
                acc = acc.blend(high, acc.compare(VectorOperators.GT, high)).blend(low, acc.compare(VectorOperators.LT, low));
                acd = acd.blend(high, acd.compare(VectorOperators.GT, high)).blend(low, acd.compare(VectorOperators.LT, low));
                if (ox + L <= width) {
                    acc.intoArray(out, o + ox);
                    acd.intoArray(out, o + width + ox);
                } else {
                    acc.intoArray(out, o + ox, tail);
                    acd.intoArray(out, o + width + ox, tail);
                }
            }
        }
        for (; oy + 1 < g.outHeight(); oy += 2) {
            // Two rows at a time: two independent chains, so that the FMA latency overlaps also in planes only
            // one vector wide.
            int top = oy * g.strideY() * row;
            int next = top + g.strideY() * row;
            int o = oi + oy * width;
            for (int ox = 0; ox < width; ox += L) {
                int r0 = top + ox;
                int r1 = r0 + step;
                int r2 = r1 + step;
                int q0 = next + ox;
                int q1 = q0 + step;
                int q2 = q1 + step;
                var acc = w0.fma(FloatVector.fromArray(S, scratch, r0 + a), bias);
                var acd = w0.fma(FloatVector.fromArray(S, scratch, q0 + a), bias);
                acc = w1.fma(FloatVector.fromArray(S, scratch, r0 + b), acc);
                acd = w1.fma(FloatVector.fromArray(S, scratch, q0 + b), acd);
                acc = w2.fma(FloatVector.fromArray(S, scratch, r0 + c), acc);
                acd = w2.fma(FloatVector.fromArray(S, scratch, q0 + c), acd);
                acc = w3.fma(FloatVector.fromArray(S, scratch, r1 + a), acc);
                acd = w3.fma(FloatVector.fromArray(S, scratch, q1 + a), acd);
                acc = w4.fma(FloatVector.fromArray(S, scratch, r1 + b), acc);
                acd = w4.fma(FloatVector.fromArray(S, scratch, q1 + b), acd);
                acc = w5.fma(FloatVector.fromArray(S, scratch, r1 + c), acc);
                acd = w5.fma(FloatVector.fromArray(S, scratch, q1 + c), acd);
                acc = w6.fma(FloatVector.fromArray(S, scratch, r2 + a), acc);
                acd = w6.fma(FloatVector.fromArray(S, scratch, q2 + a), acd);
                acc = w7.fma(FloatVector.fromArray(S, scratch, r2 + b), acc);
                acd = w7.fma(FloatVector.fromArray(S, scratch, q2 + b), acd);
                acc = w8.fma(FloatVector.fromArray(S, scratch, r2 + c), acc);
                acd = w8.fma(FloatVector.fromArray(S, scratch, q2 + c), acd);
                acc = acc.blend(high, acc.compare(VectorOperators.GT, high)).blend(low, acc.compare(VectorOperators.LT, low));
                acd = acd.blend(high, acd.compare(VectorOperators.GT, high)).blend(low, acd.compare(VectorOperators.LT, low));
                if (ox + L <= width) {
                    acc.intoArray(out, o + ox);
                    acd.intoArray(out, o + width + ox);
                } else {
                    acc.intoArray(out, o + ox, tail);
                    acd.intoArray(out, o + width + ox, tail);
                }
            }
        }
        if (oy < g.outHeight()) {
            int top = oy * g.strideY() * row;
            int o = oi + oy * width;
            for (int ox = 0; ox < width; ox += L) {
                int r0 = top + ox;
                int r1 = r0 + step;
                int r2 = r1 + step;
                var acc = w0.fma(FloatVector.fromArray(S, scratch, r0 + a), bias);
                acc = w1.fma(FloatVector.fromArray(S, scratch, r0 + b), acc);
                acc = w2.fma(FloatVector.fromArray(S, scratch, r0 + c), acc);
                acc = w3.fma(FloatVector.fromArray(S, scratch, r1 + a), acc);
                acc = w4.fma(FloatVector.fromArray(S, scratch, r1 + b), acc);
                acc = w5.fma(FloatVector.fromArray(S, scratch, r1 + c), acc);
                acc = w6.fma(FloatVector.fromArray(S, scratch, r2 + a), acc);
                acc = w7.fma(FloatVector.fromArray(S, scratch, r2 + b), acc);
                acc = w8.fma(FloatVector.fromArray(S, scratch, r2 + c), acc);
                acc = acc.blend(high, acc.compare(VectorOperators.GT, high)).blend(low, acc.compare(VectorOperators.LT, low));
                if (ox + L <= width) {
                    acc.intoArray(out, o + ox);
                } else {
                    acc.intoArray(out, o + ox, tail);
                }
            }
        }
    }
}
