package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/// Float reductions on the Vector API, for the `Reduce*` operators, softmax and the global pools: a
/// contiguous run folded to one value ([#fold], [#sum]), or runs folded element by element into a row of
/// partial results ([#accumulate]), for reductions over axes that are not the innermost. Sums use four
/// vector accumulators (so the adds overlap). Results can differ from a sequential float fold in the last
/// bits, as any reordered sum or product does; extremes are exact.
public final class Reductions {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;

    /// An associative fold of float elements: each element is mapped (squared, made absolute or kept) and
    /// the mapped values are combined from [#identity()] (added, multiplied, or the larger or smaller kept,
    /// a NaN winning as in [Math#max]).
    public enum Fold {
        SUM, SUM_OF_SQUARES, SUM_OF_ABSOLUTES, PRODUCT, MAX, MIN;

        /// The result over no elements.
        public float identity() {
            return switch (this) {
                case SUM, SUM_OF_SQUARES, SUM_OF_ABSOLUTES -> 0f;
                case PRODUCT -> 1f;
                case MAX -> Float.NEGATIVE_INFINITY;
                case MIN -> Float.POSITIVE_INFINITY;
            };
        }

        /// Two partial results combined (both already mapped).
        public float combine(float a, float b) {
            return switch (this) {
                case SUM, SUM_OF_SQUARES, SUM_OF_ABSOLUTES -> a + b;
                case PRODUCT -> a * b;
                case MAX -> Math.max(a, b);
                case MIN -> Math.min(a, b);
            };
        }

        /// A partial result with one more element `x` (not yet mapped).
        float add(float partial, float x) {
            return switch (this) {
                case SUM_OF_SQUARES -> partial + x * x;
                case SUM_OF_ABSOLUTES -> partial + Math.abs(x);
                default -> combine(partial, x);
            };
        }
    }

    private Reductions() {
    }

    /// `fold` over `x[off, off + n)` (its identity for an empty run).
    public static float fold(Fold fold, float[] x, int off, int n) {
        if (fold == Fold.SUM) {
            return sum(x, off, n);
        }
        int i = 0;
        float result = fold.identity();
        if (VectorSupport.ENABLED && n >= L) {
            // One loop per fold: a vector chosen by a conditional, or passed through a helper, is compiled
            // well only while the JIT inlines it (see VectorLoops#binary).
            var acc = FloatVector.broadcast(S, result);
            int bound = S.loopBound(n);
            switch (fold) {
                case SUM_OF_SQUARES -> {
                    for (; i < bound; i += L) {
                        var v = FloatVector.fromArray(S, x, off + i);
                        acc = v.fma(v, acc);
                    }
                    result = acc.reduceLanes(VectorOperators.ADD);
                }
                case SUM_OF_ABSOLUTES -> {
                    for (; i < bound; i += L) {
                        acc = acc.add(FloatVector.fromArray(S, x, off + i).abs());
                    }
                    result = acc.reduceLanes(VectorOperators.ADD);
                }
                case PRODUCT -> {
                    for (; i < bound; i += L) {
                        acc = acc.mul(FloatVector.fromArray(S, x, off + i));
                    }
                    result = acc.reduceLanes(VectorOperators.MUL);
                }
                case MAX -> {
                    for (; i < bound; i += L) {
                        acc = acc.max(FloatVector.fromArray(S, x, off + i));
                    }
                    result = acc.reduceLanes(VectorOperators.MAX);
                }
                case MIN -> {
                    for (; i < bound; i += L) {
                        acc = acc.min(FloatVector.fromArray(S, x, off + i));
                    }
                    result = acc.reduceLanes(VectorOperators.MIN);
                }
                case SUM -> throw new AssertionError("summed above");
            }
        }
        for (; i < n; i++) {
            result = fold.add(result, x[off + i]);
        }
        return result;
    }

    /// `acc[accOff + i]` with the element `x[xOff + i]` added by `fold`, for `i < n`: one step of folding
    /// many runs at once, the runs' elements `i` lying next to each other.
    public static void accumulate(Fold fold, float[] acc, int accOff, float[] x, int xOff, int n) {
        int i = 0;
        if (VectorSupport.ENABLED) {
            for (int bound = S.loopBound(n); i < bound; i += L) {
                var a = FloatVector.fromArray(S, acc, accOff + i);
                var v = FloatVector.fromArray(S, x, xOff + i);
                switch (fold) {
                    case SUM -> a.add(v).intoArray(acc, accOff + i);
                    case SUM_OF_SQUARES -> v.fma(v, a).intoArray(acc, accOff + i);
                    case SUM_OF_ABSOLUTES -> a.add(v.abs()).intoArray(acc, accOff + i);
                    case PRODUCT -> a.mul(v).intoArray(acc, accOff + i);
                    case MAX -> a.max(v).intoArray(acc, accOff + i);
                    case MIN -> a.min(v).intoArray(acc, accOff + i);
                }
            }
        }
        for (; i < n; i++) {
            acc[accOff + i] = fold.add(acc[accOff + i], x[xOff + i]);
        }
    }

    /// `Σ exp(x[off + i] - shift)` over `i < n`.
    public static float expSum(float[] x, int off, int n, float shift) {
        int i = 0;
        float sum = 0;
        if (VectorSupport.ENABLED && n >= L) {
            var s = FloatVector.broadcast(S, shift);
            var acc = FloatVector.zero(S);
            for (int bound = S.loopBound(n); i < bound; i += L) {
                acc = acc.add(FloatVector.fromArray(S, x, off + i).sub(s).lanewise(VectorOperators.EXP));
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            sum += (float) Math.exp(x[off + i] - shift);
        }
        return sum;
    }

    /// `acc[accOff + i] += exp(x[xOff + i] - shift[shiftOff + i])` for `i < n`.
    public static void accumulateExp(float[] acc, int accOff, float[] x, int xOff, float[] shift, int shiftOff, int n) {
        int i = 0;
        if (VectorSupport.ENABLED) {
            for (int bound = S.loopBound(n); i < bound; i += L) {
                var e = FloatVector.fromArray(S, x, xOff + i).sub(FloatVector.fromArray(S, shift, shiftOff + i))
                        .lanewise(VectorOperators.EXP);
                FloatVector.fromArray(S, acc, accOff + i).add(e).intoArray(acc, accOff + i);
            }
        }
        for (; i < n; i++) {
            acc[accOff + i] += (float) Math.exp(x[xOff + i] - shift[shiftOff + i]);
        }
    }

    /// The sum of `x[off, off + n)` (0 for an empty run; NaN when any element is NaN).
    public static float sum(float[] x, int off, int n) {
        int i = 0;
        float sum = 0;
        if (VectorSupport.ENABLED && n >= 4 * L) {
            var a0 = FloatVector.zero(S);
            var a1 = a0;
            var a2 = a0;
            var a3 = a0;
            for (int bound = n - 4 * L; i <= bound; i += 4 * L) {
                a0 = a0.add(FloatVector.fromArray(S, x, off + i));
                a1 = a1.add(FloatVector.fromArray(S, x, off + i + L));
                a2 = a2.add(FloatVector.fromArray(S, x, off + i + 2 * L));
                a3 = a3.add(FloatVector.fromArray(S, x, off + i + 3 * L));
            }
            for (int bound = S.loopBound(n); i < bound; i += L) {
                a0 = a0.add(FloatVector.fromArray(S, x, off + i));
            }
            sum = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            sum += x[off + i];
        }
        return sum;
    }
}
