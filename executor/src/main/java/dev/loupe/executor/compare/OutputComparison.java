package dev.loupe.executor.compare;

/// One output of one node run, compared with its reference twice.
///
/// @param name      the output's tensor name
/// @param value     the run's value described, e.g. `float[2,8,32]`
/// @param nonFinite NaNs and infinities in the run's value (counted even without a reference)
/// @param observed  the run's value against the reference value: the total error at this point
/// @param local     the node's own error: its kernel re-run on the reference's inputs (rounded to the run's
///                  input types; constants taken from the model itself) against the reference value
public record OutputComparison(String name, String value, long nonFinite, Discrepancy observed, Discrepancy local) {

    /// The part of the observed error the node inherited from upstream: observed max abs error minus the
    /// local one (NaN unless both were measured). Near the observed error when the node only passes error
    /// on, near zero when the node creates it.
    public double inheritedAbsError() {
        if (observed instanceof Discrepancy.Measured(Metrics o) && local instanceof Discrepancy.Measured(Metrics l)) {
            return o.maxAbsError() - l.maxAbsError();
        }
        return Double.NaN;
    }
}
