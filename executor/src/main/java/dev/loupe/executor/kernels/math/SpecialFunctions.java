package dev.loupe.executor.kernels.math;

/// Scalar functions Java's `Math` lacks.
final class SpecialFunctions {

    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    private SpecialFunctions() {
    }

    /// The error function, to double precision: `2/sqrt(pi) * exp(-x^2) * sum(2^n x^(2n+1) / (1*3*...*(2n+1)))`,
    /// a series of positive terms (no cancellation); `|x| >= 6` gives `±1`.
    static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double ax = Math.abs(x);
        if (ax >= 6) {
            return Math.signum(x);
        }
        double x2 = ax * ax;
        double term = ax;
        double sum = ax;
        for (int n = 1; term > 1e-17 * sum; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
        }
        double r = TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
        return x < 0 ? -r : r;
    }

    /// `log(1 + exp(x))` without overflow.
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /// `1 / (1 + exp(-x))` without overflow.
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }
}
