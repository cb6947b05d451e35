package dev.loupe.executor.testdata;

/// Why a value differs from what was expected.
///
/// @param where    the output and, inside it, the element or sequence position, e.g. `output 'y' [0,2,1]`
/// @param detail   what differs, e.g. `expected 0.5, got 0.7 (error 0.2, allowed 0.0005)`
/// @param error    the worst element's absolute error (`NaN` when the difference is not numeric)
/// @param differing how many elements are outside the tolerance (0 when the difference is not elementwise)
public record Mismatch(String where, String detail, double error, long differing) {

    @Override
    public String toString() {
        return where + ": " + detail + (differing > 1 ? " (" + differing + " elements differ)" : "");
    }
}
