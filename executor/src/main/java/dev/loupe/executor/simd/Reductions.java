package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/// Float reductions of contiguous runs on the Vector API, for `ReduceSum`, `ReduceMean` and the global
/// pools. Sums use four vector accumulators (so the adds overlap) and add the tail in scalar; the result can
/// differ from a sequential float sum in the last bits, as any reordered sum does.
public final class Reductions {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;

    private Reductions() {
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
