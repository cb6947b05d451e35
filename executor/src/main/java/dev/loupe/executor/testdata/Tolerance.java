package dev.loupe.executor.testdata;

/// How close a floating-point result must be to the expected value: `|actual - expected| <= atol + rtol *
/// |expected|` for each element, as NumPy's `assert_allclose` checks. NaN matches NaN, an infinity matches
/// the same infinity; integers, booleans and strings must be equal.
public record Tolerance(double rtol, double atol) {

    /// rtol 1e-3, atol 1e-7: the defaults of the ONNX backend tests.
    public static final Tolerance DEFAULT = new Tolerance(1e-3, 1e-7);

    public Tolerance {
        if (!(rtol >= 0) || !(atol >= 0)) {
            throw new IllegalArgumentException("tolerances must be non-negative numbers");
        }
    }

    /// The largest difference allowed from `expected`.
    public double allowed(double expected) {
        return atol + rtol * Math.abs(expected);
    }
}
