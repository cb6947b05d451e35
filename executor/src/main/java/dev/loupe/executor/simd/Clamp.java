package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/// Bounds applied to finished output values as they are stored, with the arithmetic of ONNX `Clip` as
/// [VectorLoops#clip] computes it: a value below `lo` becomes `lo`, otherwise a value above `hi` becomes `hi`;
/// NaN and signed zeros pass unchanged. `Relu` is `Clamp(0, +inf)` ([#RELU]) with exactly `Relu`'s results.
public record Clamp(float lo, float hi) {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;

    public static final Clamp RELU = new Clamp(0f, Float.POSITIVE_INFINITY);

    float apply(float v) {
        return v < lo ? lo : v > hi ? hi : v;
    }

    /// Bounds `a[from, to)` in place (vector loop, scalar tail).
    void applyTo(float[] a, int from, int to) {
        int i = from;
        if (VectorSupport.ENABLED) {
            var low = FloatVector.broadcast(S, lo);
            var high = FloatVector.broadcast(S, hi);
            for (; i + L <= to; i += L) {
                var v = FloatVector.fromArray(S, a, i);
                v.blend(high, v.compare(VectorOperators.GT, high)).blend(low, v.compare(VectorOperators.LT, low)).intoArray(a, i);
            }
        }
        for (; i < to; i++) {
            a[i] = apply(a[i]);
        }
    }
}
