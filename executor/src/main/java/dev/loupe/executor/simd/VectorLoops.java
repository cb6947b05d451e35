package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/// Elementwise float loops on the Vector API, with the same results as the obvious scalar loops (the
/// arithmetic is the same IEEE operation per element; [#erf(float[], float[])] is within about 1e-6 relative of
/// the exact value).
///
/// Binary rows compute `o[oi + i] = a[ai + i * as] (op) b[bi + i * bs]` for `i < n`, where each step is 1
/// (contiguous) or 0 (a broadcast scalar); other steps take the scalar loop.
public final class VectorLoops {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;

    /// From here on `erf(x)` rounds to 1 in float.
    private static final float SATURATION = 3.92f;

    /// `1 / (2k + 1)` for the terms of the erf series (multiplying is much cheaper than dividing); 96 terms
    /// cover `|x| < 3.92` with room to spare.
    private static final float[] ODD_RECIPROCALS = new float[96];

    static {
        for (int k = 0; k < ODD_RECIPROCALS.length; k++) {
            ODD_RECIPROCALS[k] = 1f / (2 * k + 1);
        }
    }

    /// The binary operators of [#binary].
    public enum Binary { ADD, SUB, MUL, DIV }

    private VectorLoops() {
    }

    /// One broadcast row of `a (op) b`; see the class description.
    public static void binary(Binary op, float[] a, int ai, int as, float[] b, int bi, int bs, float[] o, int oi, int n) {
        int i = 0;
        if (VectorSupport.ENABLED && (as | bs) >>> 1 == 0) {
            int bound = S.loopBound(n);
            if (as == 1 && bs == 1) {
                for (; i < bound; i += L) {
                    var x = FloatVector.fromArray(S, a, ai + i);
                    var y = FloatVector.fromArray(S, b, bi + i);
                    apply(op, x, y).intoArray(o, oi + i);
                }
            } else if (as == 1) {
                var y = FloatVector.broadcast(S, b[bi]);
                for (; i < bound; i += L) {
                    apply(op, FloatVector.fromArray(S, a, ai + i), y).intoArray(o, oi + i);
                }
            } else if (bs == 1) {
                var x = FloatVector.broadcast(S, a[ai]);
                for (; i < bound; i += L) {
                    apply(op, x, FloatVector.fromArray(S, b, bi + i)).intoArray(o, oi + i);
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

    private static FloatVector apply(Binary op, FloatVector x, FloatVector y) {
        return switch (op) {
            case ADD -> x.add(y);
            case SUB -> x.sub(y);
            case MUL -> x.mul(y);
            case DIV -> x.div(y);
        };
    }

    /// `o[i] = x[i] < 0 ? 0 : x[i]` over the whole of `x` (NaN and -0 pass through, as in the scalar rule).
    public static void relu(float[] x, float[] o) {
        int i = 0;
        if (VectorSupport.ENABLED) {
            var zero = FloatVector.zero(S);
            for (int bound = S.loopBound(x.length); i < bound; i += L) {
                var v = FloatVector.fromArray(S, x, i);
                v.blend(zero, v.lt(zero)).intoArray(o, i);
            }
        }
        for (; i < x.length; i++) {
            o[i] = x[i] < 0 ? 0 : x[i];
        }
    }

    /// The error function of every element of `x` into `o`, as `2/sqrt(pi) * exp(-x^2) * sum(2^n x^(2n+1) /
    /// (1*3*...*(2n+1)))`: a series of positive terms (no cancellation), summed in float until every lane's
    /// next term is below 2^-26 of its sum. `|x| >= 3.92` gives `±1` (float rounds `erf` to 1 there), NaN stays NaN.
    public static void erf(float[] x, float[] o) {
        int i = 0;
        if (VectorSupport.ENABLED) {
            var four = FloatVector.broadcast(S, 4f);
            var one = FloatVector.broadcast(S, 1f);
            var scale = FloatVector.broadcast(S, (float) (2 / Math.sqrt(Math.PI)));
            for (int bound = S.loopBound(x.length); i < bound; i += L) {
                var v = FloatVector.fromArray(S, x, i);
                var ax = v.abs().min(four);
                var x2 = ax.mul(ax);
                var twoX2 = x2.add(x2);
                var term = ax;
                var sum = ax;
                for (int k = 1; k < ODD_RECIPROCALS.length && term.compare(VectorOperators.GT, sum.mul(0x1p-26f)).anyTrue(); k++) {
                    term = term.mul(twoX2).mul(ODD_RECIPROCALS[k]);
                    sum = sum.add(term);
                }
                var r = scale.mul(x2.neg().lanewise(VectorOperators.EXP)).mul(sum).min(one);
                r = r.blend(one, ax.compare(VectorOperators.GE, SATURATION));
                r.blend(r.neg(), v.lt(0f)).intoArray(o, i);
            }
        }
        for (; i < x.length; i++) {
            o[i] = erf(x[i]);
        }
    }

    /// The scalar form of [#erf(float[], float[])].
    static float erf(float v) {
        float ax = Math.min(Math.abs(v), 4f);
        float x2 = ax * ax;
        float term = ax;
        float sum = ax;
        for (int k = 1; k < ODD_RECIPROCALS.length && term > sum * 0x1p-26f; k++) {
            term = term * (x2 + x2) * ODD_RECIPROCALS[k];
            sum += term;
        }
        float r = ax >= SATURATION ? 1f : Math.min(1f, (float) (2 / Math.sqrt(Math.PI)) * (float) Math.exp(-x2) * sum);
        return v < 0 ? -r : r;
    }

    /// `o[oo + k] = exp(x[xo + k] - max) / sum` over `k < n`, the softmax of one contiguous row (computed
    /// around the row's maximum, so large values do not overflow; a NaN anywhere makes the row NaN).
    public static void softmax(float[] x, int xo, int n, float[] o, int oo) {
        float max = max(x, xo, n);
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

    /// The largest of `x[off..off + n)` (NaN when any is NaN; -infinity for an empty row).
    public static float max(float[] x, int off, int n) {
        int i = 0;
        float max = Float.NEGATIVE_INFINITY;
        if (VectorSupport.ENABLED) {
            var acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (int bound = S.loopBound(n); i < bound; i += L) {
                acc = acc.max(FloatVector.fromArray(S, x, off + i));
            }
            max = acc.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        return max;
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
