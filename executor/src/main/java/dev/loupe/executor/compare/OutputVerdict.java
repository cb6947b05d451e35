package dev.loupe.executor.compare;

/// One graph output against its reference.
///
/// @param name        the output's name in the model
/// @param discrepancy the comparison; [Discrepancy.Unavailable] when the reference has no such output
public record OutputVerdict(String name, Discrepancy discrepancy) {

    /// Not outside the tolerance (an output without a reference passes).
    public boolean passed() {
        return !discrepancy.exceeds();
    }
}
