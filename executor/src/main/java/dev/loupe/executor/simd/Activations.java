package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/// Elementwise float activations on the Vector API: `tanh`, the logistic sigmoid and GELU. Each
/// computes `o[oo + i] = f(x[xo + i])` for `i < n` (or over the whole of `x`); `x` and `o` may be the same
/// array at the same offset, except for the GELUs.
///
/// The vector paths use the Vector API's `TANH` and `EXP` lane operations (the JDK's vector math library
/// on x86, within about 1 ulp); the scalar paths, taken for the tail and when [VectorSupport#enabled()] is
/// false, compute in double and round once. NaN stays NaN; `tanh` saturates to ±1 and the sigmoid to 0 and
/// 1 without overflow.
public final class Activations {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;
    private static final float SQRT_HALF = (float) Math.sqrt(0.5);
    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);
    private static final float GELU_CUBIC = 0.044715f;

    private Activations() {
    }

    /// `o = tanh(x)`.
    public static void tanh(float[] x, int xo, float[] o, int oo, int n) {
        int i = 0;
        if (VectorSupport.ENABLED) {
            for (int bound = S.loopBound(n); i < bound; i += L) {
                FloatVector.fromArray(S, x, xo + i).lanewise(VectorOperators.TANH).intoArray(o, oo + i);
            }
        }
        for (; i < n; i++) {
            o[oo + i] = (float) Math.tanh(x[xo + i]);
        }
    }

    /// `o = 1 / (1 + exp(-x))`.
    public static void sigmoid(float[] x, int xo, float[] o, int oo, int n) {
        int i = 0;
        if (VectorSupport.ENABLED) {
            var one = FloatVector.broadcast(S, 1f);
            for (int bound = S.loopBound(n); i < bound; i += L) {
                var e = FloatVector.fromArray(S, x, xo + i).neg().lanewise(VectorOperators.EXP);
                one.div(one.add(e)).intoArray(o, oo + i);
            }
        }
        for (; i < n; i++) {
            o[oo + i] = (float) sigmoid(x[xo + i]);
        }
    }

    /// The scalar sigmoid in double, without overflow for large `|v|`.
    static double sigmoid(double v) {
        if (v >= 0) {
            return 1 / (1 + Math.exp(-v));
        }
        double e = Math.exp(v);
        return e / (1 + e);
    }

    /// `o[i] = x[i] * (1 + erf(x[i] / √2)) / 2` for `from <= i < to`, the exact GELU, with [VectorLoops]'s `erf`.
    public static void gelu(float[] x, float[] o, int from, int to) {
        int i = from;
        if (VectorSupport.ENABLED) {
            int bound = from + S.loopBound(to - from);
            for (; i < bound; i += L) {
                FloatVector.fromArray(S, x, i).mul(SQRT_HALF).intoArray(o, i);
            }
            VectorLoops.erf(o, o, from, bound);
            for (i = from; i < bound; i += L) {
                var v = FloatVector.fromArray(S, x, i);
                v.mul(0.5f).mul(FloatVector.fromArray(S, o, i).add(1f)).intoArray(o, i);
            }
        }
        for (; i < to; i++) {
            double v = x[i];
            o[i] = (float) (0.5 * v * (1 + VectorLoops.erf((float) (v * SQRT_HALF))));
        }
    }

    /// `o[i] = x[i] * (1 + tanh(√(2/π) * (x[i] + 0.044715 x[i]³))) / 2` for `from <= i < to`, GELU's tanh form.
    public static void geluTanh(float[] x, float[] o, int from, int to) {
        int i = from;
        if (VectorSupport.ENABLED) {
            for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
                var v = FloatVector.fromArray(S, x, i);
                var inner = v.mul(v).mul(v).mul(GELU_CUBIC).add(v).mul(SQRT_2_OVER_PI);
                v.mul(0.5f).mul(inner.lanewise(VectorOperators.TANH).add(1f)).intoArray(o, i);
            }
        }
        for (; i < to; i++) {
            double v = x[i];
            o[i] = (float) (0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + GELU_CUBIC * v * v * v))));
        }
    }
}
