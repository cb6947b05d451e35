package dev.loupe.executor.kernels.rnn;

/// `tanh` and the logistic sigmoid in float for the gates of the float recurrent step, in place over
/// `v[from, from + n)`.
///
/// Plain loops rather than the Vector API kernels of [dev.loupe.executor.simd.Activations], for the reason
/// [dev.loupe.executor.simd.PackedMatrix] gives: a recurrence calls them at every step, so they must be fast
/// before C2 has compiled anything, and C2 still vectorizes them. `tanh(x)` is `x·P(x²)/Q(x²)` in double with
/// `x` clamped to `[-9, 9]`, `P` of degree 5 and `Q` of degree 4: a rational fit to `tanh` on `[0, 9]` made
/// for Loupe (least squares, reweighted towards the largest error), within 1.2e-9 of `tanh` there, so the
/// float results are within 6e-8 (about half an ulp near ±1). The sigmoid is `(1 + tanh(x/2)) / 2`, also
/// in double and rounded once. NaN stays NaN.
final class GateFunctions {

    private static final double BOUND = 9;
    private static final double P0 = 0.9999999938736391;
    private static final double P1 = 0.1367635562581777;
    private static final double P2 = 0.003863944477637697;
    private static final double P3 = 2.7923602963816724e-05;
    private static final double P4 = 3.0401486453526366e-08;
    private static final double P5 = -1.2083476110161e-11;
    private static final double Q1 = 0.47009686303992343;
    private static final double Q2 = 0.02722959899795796;
    private static final double Q3 = 0.00039310668299400163;
    private static final double Q4 = 1.281750247800101e-06;

    private GateFunctions() {
    }

    static void tanh(float[] v, int from, int n) {
        for (int i = from; i < from + n; i++) {
            v[i] = (float) tanh((double) v[i]);
        }
    }

    static void sigmoid(float[] v, int from, int n) {
        for (int i = from; i < from + n; i++) {
            v[i] = (float) (0.5 + 0.5 * tanh(0.5 * v[i]));
        }
    }

    private static double tanh(double v) {
        double x = Math.max(-BOUND, Math.min(BOUND, v));
        double z = x * x;
        double p = ((((P5 * z + P4) * z + P3) * z + P2) * z + P1) * z + P0;
        double q = (((Q4 * z + Q3) * z + Q2) * z + Q1) * z + 1;
        return x * p / q;
    }
}
