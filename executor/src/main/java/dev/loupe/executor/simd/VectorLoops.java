package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import static dev.loupe.executor.simd.VectorSupport.ZIP_HIGH;
import static dev.loupe.executor.simd.VectorSupport.ZIP_LOW;

/// Elementwise float loops on the Vector API, with the same results as the obvious scalar loops (the
/// arithmetic is the same IEEE operation per element; [#erf(float[], float[])] is within a few float ulps of
/// the exact value).
///
/// Binary rows compute `o[oi + i] = a[ai + i * as] (op) b[bi + i * bs]` for `i < n`, where each step is 1
/// (contiguous) or 0 (a broadcast scalar); other steps take the scalar loop.
public final class VectorLoops {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;
    /// Bits of the even lanes.
    private static final long EVEN_LANES = 0x5555_5555_5555_5555L & ((1L << L) - 1);

    /// From here on `erf(x)` rounds to 1 in float.
    private static final float SATURATION = 3.92f;

    /// `erf(x) / x` as a polynomial in `x^2` on [0, 1], lowest degree first.
    private static final float[] ERF_SMALL = {1.12837923f, -0.376126289f, 0.112836123f, -0.0268547926f, 0.00519002555f,
        -0.000802412513f, 7.89749029e-05f};
    /// `erfc(x) * exp(x^2)` as a polynomial in `1 / (1 + x)` on [1, 3.92], lowest degree first.
    private static final float[] ERF_LARGE = {2.63238599e-05f, 0.56328994f, 0.577747464f, 0.16417402f, 0.365640044f,
        -2.99337411f, 4.79342222f, -3.49264741f, 1.03250003f};

    /// The binary operators of [#binary].
    public enum Binary { ADD, SUB, MUL, DIV }

    private VectorLoops() {
    }

    /// One broadcast row of `a (op) b`; see the class description.
    ///
    /// Each loop chooses the operator per vector and stores the result in every branch: a helper taking and
    /// returning vectors, or a vector chosen by a conditional, is compiled well only while the JIT inlines
    /// it, and a JVM that once compiled such a helper on its own boxed every vector through it from then on
    /// (tens of MB per transformer run, a third slower).
    public static void binary(Binary op, float[] a, int ai, int as, float[] b, int bi, int bs, float[] o, int oi, int n) {
        int i = 0;
        if (VectorSupport.ENABLED && (as | bs) >>> 1 == 0) {
            int bound = S.loopBound(n);
            if (as == 1 && bs == 1) {
                for (; i < bound; i += L) {
                    var x = FloatVector.fromArray(S, a, ai + i);
                    var y = FloatVector.fromArray(S, b, bi + i);
                    switch (op) {
                        case ADD -> x.add(y).intoArray(o, oi + i);
                        case SUB -> x.sub(y).intoArray(o, oi + i);
                        case MUL -> x.mul(y).intoArray(o, oi + i);
                        case DIV -> x.div(y).intoArray(o, oi + i);
                    }
                }
            } else if (as == 1) {
                var y = FloatVector.broadcast(S, b[bi]);
                for (; i < bound; i += L) {
                    var x = FloatVector.fromArray(S, a, ai + i);
                    switch (op) {
                        case ADD -> x.add(y).intoArray(o, oi + i);
                        case SUB -> x.sub(y).intoArray(o, oi + i);
                        case MUL -> x.mul(y).intoArray(o, oi + i);
                        case DIV -> x.div(y).intoArray(o, oi + i);
                    }
                }
            } else if (bs == 1) {
                var x = FloatVector.broadcast(S, a[ai]);
                for (; i < bound; i += L) {
                    var y = FloatVector.fromArray(S, b, bi + i);
                    switch (op) {
                        case ADD -> x.add(y).intoArray(o, oi + i);
                        case SUB -> x.sub(y).intoArray(o, oi + i);
                        case MUL -> x.mul(y).intoArray(o, oi + i);
                        case DIV -> x.div(y).intoArray(o, oi + i);
                    }
                }
            }
        }
        for (ai += i * as, bi += i * bs; i < n; i++, ai += as, bi += bs) {
            float x = a[ai];
            float y = b[bi];
            o[oi + i] = switch (op) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> x / y;
            };
        }
    }

    /// `o[oo + i] += x[xo + i]` for `i < n` (`x` and `o` may be the same array, the ranges not overlapping).
    public static void addTo(float[] x, int xo, float[] o, int oo, int n) {
        int i = 0;
        if (VectorSupport.ENABLED) {
            for (int bound = S.loopBound(n); i < bound; i += L) {
                FloatVector.fromArray(S, o, oo + i).add(FloatVector.fromArray(S, x, xo + i)).intoArray(o, oo + i);
            }
        }
        for (; i < n; i++) {
            o[oo + i] += x[xo + i];
        }
    }

    /// `o[oo + 2 i] += x[xo + i]` for `i < n` (every other element of `o`, as a stride-2 scatter adds them):
    /// each vector of `x` interleaved with zeros and added under a mask of the even lanes, so the odd elements
    /// are stored back unchanged (`-0` included). The vectors stop one element short of the end, so that their
    /// last (odd) lane stays inside the scattered range.
    public static void addToEveryOther(float[] x, int xo, float[] o, int oo, int n) {
        int i = 0;
        if (VectorSupport.ENABLED) {
            var zero = FloatVector.zero(S);
            var even = VectorMask.fromLong(S, EVEN_LANES);
            for (; i + L < n; i += L) {
                var v = FloatVector.fromArray(S, x, xo + i);
                int at = oo + 2 * i;
                FloatVector.fromArray(S, o, at).add(v.rearrange(ZIP_LOW, zero), even).intoArray(o, at);
                FloatVector.fromArray(S, o, at + L).add(v.rearrange(ZIP_HIGH, zero), even).intoArray(o, at + L);
            }
        }
        for (; i < n; i++) {
            o[oo + 2 * i] += x[xo + i];
        }
    }

    /// `o[i] = x[i] < 0 ? 0 : x[i]` over the whole of `x` (NaN and -0 pass through, as in the scalar rule).
    public static void relu(float[] x, float[] o) {
        relu(x, o, 0, x.length);
    }

    /// [#relu(float[], float[])] for `from <= i < to`.
    public static void relu(float[] x, float[] o, int from, int to) {
        int i = from;
        if (VectorSupport.ENABLED) {
            var zero = FloatVector.zero(S);
            for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
                var v = FloatVector.fromArray(S, x, i);
                v.blend(zero, v.lt(zero)).intoArray(o, i);
            }
        }
        for (; i < to; i++) {
            o[i] = x[i] < 0 ? 0 : x[i];
        }
    }

    /// `o[i] = x[i] < lo ? lo : x[i] > hi ? hi : x[i]` over the whole of `x` (NaN passes through).
    public static void clip(float[] x, float lo, float hi, float[] o) {
        clip(x, lo, hi, o, 0, x.length);
    }

    /// [#clip(float[], float, float, float[])] for `from <= i < to`.
    public static void clip(float[] x, float lo, float hi, float[] o, int from, int to) {
        int i = from;
        if (VectorSupport.ENABLED) {
            var low = FloatVector.broadcast(S, lo);
            var high = FloatVector.broadcast(S, hi);
            for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
                var v = FloatVector.fromArray(S, x, i);
                v.blend(high, v.compare(VectorOperators.GT, high)).blend(low, v.compare(VectorOperators.LT, low)).intoArray(o, i);
            }
        }
        for (; i < to; i++) {
            float v = x[i];
            o[i] = v < lo ? lo : v > hi ? hi : v;
        }
    }

    /// `o[i] = x[i] < 0 ? alpha * x[i] : x[i]` for `from <= i < to`.
    public static void leakyRelu(float[] x, float alpha, float[] o, int from, int to) {
        int i = from;
        if (VectorSupport.ENABLED) {
            var zero = FloatVector.zero(S);
            for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
                var v = FloatVector.fromArray(S, x, i);
                v.blend(v.mul(alpha), v.lt(zero)).intoArray(o, i);
            }
        }
        for (; i < to; i++) {
            float v = x[i];
            o[i] = v < 0 ? alpha * v : v;
        }
    }

    /// The error function of `x[i]` into `o[i]` for `from <= i < to`, within about 2e-7 relative (below 1) or 6e-8
    /// absolute (from 1 on) of the exact value: `x * P(x^2)` for `|x| < 1`, `1 - exp(-x^2) * Q(1 / (1 + |x|))`
    /// up to 3.92 and `±1` beyond (where float rounds `erf` to 1); NaN stays NaN. `P` (degree 6) and `Q`
    /// (degree 8) are least-squares fits of the relative error on Chebyshev nodes
    /// (`tools/bench/fit_erf_coefficients.py`).
    public static void erf(float[] x, float[] o, int from, int to) {
        int i = from;
        if (VectorSupport.ENABLED) {
            var one = FloatVector.broadcast(S, 1f);
            for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
                var v = FloatVector.fromArray(S, x, i);
                var ax = v.abs();
                var t = ax.mul(ax);
                var p = FloatVector.broadcast(S, ERF_SMALL[ERF_SMALL.length - 1]);
                for (int c = ERF_SMALL.length - 2; c >= 0; c--) {
                    p = p.fma(t, FloatVector.broadcast(S, ERF_SMALL[c]));
                }
                var s = one.div(one.add(ax));
                var q = FloatVector.broadcast(S, ERF_LARGE[ERF_LARGE.length - 1]);
                for (int c = ERF_LARGE.length - 2; c >= 0; c--) {
                    q = q.fma(s, FloatVector.broadcast(S, ERF_LARGE[c]));
                }
                var large = one.sub(t.neg().lanewise(VectorOperators.EXP).mul(q));
                var r = large.blend(ax.mul(p), ax.lt(1f)).blend(one, ax.compare(VectorOperators.GE, SATURATION));
                r.blend(r.neg(), v.lt(0f)).intoArray(o, i);
            }
        }
        for (; i < to; i++) {
            o[i] = erf(x[i]);
        }
    }

    /// The scalar form of [#erf(float[], float[], int, int)].
    static float erf(float v) {
        float ax = Math.abs(v);
        float r;
        if (ax < 1f) {
            float t = ax * ax;
            float p = ERF_SMALL[ERF_SMALL.length - 1];
            for (int c = ERF_SMALL.length - 2; c >= 0; c--) {
                p = Math.fma(p, t, ERF_SMALL[c]);
            }
            r = ax * p;
        } else if (ax >= SATURATION) {
            r = 1f;
        } else {
            float s = 1f / (1f + ax);
            float q = ERF_LARGE[ERF_LARGE.length - 1];
            for (int c = ERF_LARGE.length - 2; c >= 0; c--) {
                q = Math.fma(q, s, ERF_LARGE[c]);
            }
            r = 1f - (float) Math.exp(-(ax * ax)) * q;
        }
        return v < 0 ? -r : r;
    }

    /// `o[oo + k] = exp(x[xo + k] - max) / sum` over `k < n`, the softmax of one contiguous row (computed
    /// around the row's maximum, so large values do not overflow; a NaN anywhere makes the row NaN).
    public static void softmax(float[] x, int xo, int n, float[] o, int oo) {
        float max = Reductions.fold(Reductions.Fold.MAX, x, xo, n);
        int i = 0;
        float sum = 0;
        if (VectorSupport.ENABLED) {
            var m = FloatVector.broadcast(S, max);
            var acc = FloatVector.zero(S);
            for (int bound = S.loopBound(n); i < bound; i += L) {
                var e = FloatVector.fromArray(S, x, xo + i).sub(m).lanewise(VectorOperators.EXP);
                e.intoArray(o, oo + i);
                acc = acc.add(e);
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            float e = (float) Math.exp(x[xo + i] - max);
            o[oo + i] = e;
            sum += e;
        }
        i = 0;
        if (VectorSupport.ENABLED) {
            var s = FloatVector.broadcast(S, sum);
            for (int bound = S.loopBound(n); i < bound; i += L) {
                FloatVector.fromArray(S, o, oo + i).div(s).intoArray(o, oo + i);
            }
        }
        for (; i < n; i++) {
            o[oo + i] /= sum;
        }
    }

    /// The mean of `x[off..off + n)`, summed in float vectors.
    public static float mean(float[] x, int off, int n) {
        int i = 0;
        float sum = 0;
        if (VectorSupport.ENABLED) {
            var acc = FloatVector.zero(S);
            for (int bound = S.loopBound(n); i < bound; i += L) {
                acc = acc.add(FloatVector.fromArray(S, x, off + i));
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            sum += x[off + i];
        }
        return sum / n;
    }

    /// The mean of `(x - mean)^2` over `x[off..off + n)`.
    public static float variance(float[] x, int off, int n, float mean) {
        int i = 0;
        float sum = 0;
        if (VectorSupport.ENABLED) {
            var m = FloatVector.broadcast(S, mean);
            var acc = FloatVector.zero(S);
            for (int bound = S.loopBound(n); i < bound; i += L) {
                var d = FloatVector.fromArray(S, x, off + i).sub(m);
                acc = d.fma(d, acc);
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            float d = x[off + i] - mean;
            sum += d * d;
        }
        return sum / n;
    }

    /// `1 / sqrt(variance + epsilon)` of `x[off..off + n)` around `mean`: the variance in float vectors, the
    /// root and quotient in double, rounded to float once (layer normalization's factor).
    public static float inverseDeviation(float[] x, int off, int n, float mean, double epsilon) {
        return (float) (1 / Math.sqrt(variance(x, off, n, mean) + epsilon));
    }

    /// `y[off + k] = (x[off + k] - mean) * inv * scale[k] + bias[k]` over `k < n` (`bias` may be `null`).
    public static void normalize(float[] x, int off, int n, float mean, float inv, float[] scale, float[] bias, float[] y) {
        int i = 0;
        if (VectorSupport.ENABLED) {
            var m = FloatVector.broadcast(S, mean);
            var r = FloatVector.broadcast(S, inv);
            for (int bound = S.loopBound(n); i < bound; i += L) {
                var v = FloatVector.fromArray(S, x, off + i).sub(m).mul(r).mul(FloatVector.fromArray(S, scale, i));
                if (bias != null) {
                    v = v.add(FloatVector.fromArray(S, bias, i));
                }
                v.intoArray(y, off + i);
            }
        }
        for (; i < n; i++) {
            y[off + i] = (x[off + i] - mean) * inv * scale[i] + (bias == null ? 0f : bias[i]);
        }
    }
}
