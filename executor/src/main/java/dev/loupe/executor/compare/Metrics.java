package dev.loupe.executor.compare;

import dev.loupe.executor.testdata.Tolerance;
import dev.loupe.model.ElementType;

import java.util.Arrays;

/// How far an actual tensor is from a reference tensor of the same shape, element by element.
///
/// **Tolerance.** An element matches when `|a - b| <= atol + rtol * |b|` (`a` actual, `b` reference). A NaN
/// matches only a NaN, an infinity only the same infinity. Integers and booleans must be equal whatever the
/// tolerance; strings must be equal.
///
/// **Errors** (`maxAbsError`, `maxRelError`, `meanAbsError`, `cosineSimilarity`, `sqnrDb`) are taken over
/// the pairs where both sides are finite; NaNs and infinities are counted separately. The relative error
/// of a pair is `|a - b| / max(|b|, floor)` with `floor = max(atol, 1e-12)`: a reference value smaller than
/// the absolute tolerance is judged against the tolerance instead of blowing the ratio up. Without any
/// finite pair these are NaN. For strings every numeric field is NaN.
///
/// **ULPs** (`maxUlps`) count the representable values of the actual's type between the actual value and
/// the reference rounded to that type: 0 means bit-identical after rounding, 1 neighbours. Only for float,
/// double, float16 and bfloat16 actuals; -1 otherwise.
///
/// **Worst element.** `worstIndex` is the flat (row-major) index of the element furthest outside the
/// tolerance, measured by `worstRatio = |a - b| / (atol + rtol * |b|)` (infinite for a NaN or infinity
/// mismatch, and for any inequality of integers, booleans or strings); ties keep the first. With no
/// elements it is -1. [#worstPosition()] gives it as a multi-index.
///
/// @param actualType      element type of the actual tensor
/// @param referenceType   element type of the reference (it may differ in width: float against double)
/// @param shape           the common shape
/// @param count           number of elements (real and imaginary parts count separately for complex)
/// @param actualNaN       NaNs on the actual side
/// @param actualInf       infinities on the actual side
/// @param referenceNaN    NaNs on the reference side
/// @param referenceInf    infinities on the reference side
/// @param maxUlpsIndex    flat index of the element with `maxUlps` (-1 when not computed)
/// @param mismatches      elements outside the tolerance
/// @param worstActual     the actual value at `worstIndex` (NaN for strings)
/// @param worstReference  the reference value at `worstIndex` (NaN for strings)
public record Metrics(ElementType actualType, ElementType referenceType, long[] shape, long count,
                      double maxAbsError, double maxRelError, double meanAbsError, double cosineSimilarity,
                      double sqnrDb, long maxUlps, long maxUlpsIndex,
                      long actualNaN, long actualInf, long referenceNaN, long referenceInf,
                      long mismatches, long worstIndex, double worstRatio, double worstActual, double worstReference,
                      Tolerance tolerance) {

    public Metrics {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /// No element outside the tolerance.
    public boolean passed() {
        return mismatches == 0;
    }

    /// `worstIndex` as a multi-index such as `[0,2,1]`; `[]` for a scalar, `-` when there is no element.
    public String worstPosition() {
        return position(worstIndex);
    }

    /// `flat` as a multi-index of this shape (complex tensors: the element, real and imaginary together).
    public String position(long flat) {
        if (flat < 0) {
            return "-";
        }
        long rest = actualType.kind() == ElementType.Kind.COMPLEX ? flat / 2 : flat;
        var idx = new long[shape.length];
        for (int k = shape.length - 1; k >= 0; k--) {
            idx[k] = shape[k] == 0 ? 0 : rest % shape[k];
            rest = shape[k] == 0 ? 0 : rest / shape[k];
        }
        return Arrays.toString(idx).replace(" ", "");
    }
}
