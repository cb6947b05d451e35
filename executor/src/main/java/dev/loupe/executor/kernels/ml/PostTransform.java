package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;

import java.util.Arrays;

/// The `post_transform` of the `ai.onnx.ml` classifiers and regressors, applied in place to one row of
/// scores. The formulas follow the ONNX reference implementation and onnxruntime, PROBIT included: it uses
/// Winitzki's closed-form approximation of erf⁻¹ (a = 0.147), which differs from the exact probit by up to
/// about 2e-3, so that results agree with the other runtimes rather than with SciPy.
enum PostTransform {
    NONE {
        @Override
        void apply(double[] s, int from, int length) {
        }
    },
    LOGISTIC {
        @Override
        void apply(double[] s, int from, int length) {
            for (int i = from; i < from + length; i++) {
                s[i] = logistic(s[i]);
            }
        }
    },
    SOFTMAX {
        @Override
        void apply(double[] s, int from, int length) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = from; i < from + length; i++) {
                max = Math.max(max, s[i]);
            }
            double sum = 0;
            for (int i = from; i < from + length; i++) {
                s[i] = Math.exp(s[i] - max);
                sum += s[i];
            }
            for (int i = from; i < from + length; i++) {
                s[i] /= sum;
            }
        }
    },
    /// Softmax in which scores that are zero (within 1e-7) stay (nearly) zero.
    SOFTMAX_ZERO {
        @Override
        void apply(double[] s, int from, int length) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = from; i < from + length; i++) {
                max = Math.max(max, s[i]);
            }
            double expNegMax = Math.exp(-max);
            double sum = 0;
            for (int i = from; i < from + length; i++) {
                double v = s[i];
                s[i] = Math.abs(v) > 1e-7 ? Math.exp(v - max) : v * expNegMax;
                sum += s[i];
            }
            for (int i = from; i < from + length; i++) {
                s[i] = sum == 0 ? 0.5 : s[i] / sum;
            }
        }
    },
    PROBIT {
        @Override
        void apply(double[] s, int from, int length) {
            for (int i = from; i < from + length; i++) {
                s[i] = probit(s[i]);
            }
        }
    };

    /// Transforms `s[from, from + length)` in place.
    abstract void apply(double[] s, int from, int length);

    /// The node's `post_transform` attribute (default `NONE`).
    static PostTransform of(NodeSpec spec) {
        var name = spec.stringAttr("post_transform", "NONE");
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new KernelException("post_transform '" + name + "' is not one of " + Arrays.toString(values()));
        }
    }

    /// `1 / (1 + e^-v)`, computed without overflow for large `|v|`.
    static double logistic(double v) {
        double e = 1.0 / (1.0 + Math.exp(-Math.abs(v)));
        return v < 0 ? 1.0 - e : e;
    }

    /// `√2 · erf⁻¹(2p − 1)` with the approximate erf⁻¹ described on the type.
    static double probit(double p) {
        return 1.41421356 * approximateErfInv(2 * p - 1);
    }

    private static double approximateErfInv(double x) {
        double sign = x < 0 ? -1.0 : 1.0;
        double oneMinusX2 = (1.0 - x) * (1.0 + x);
        if (oneMinusX2 == 0) {
            return 0;
        }
        double ln = Math.log(oneMinusX2);
        double a = 0.147;
        double t = 2.0 / (Math.PI * a) + 0.5 * ln;
        return sign * Math.sqrt(-t + Math.sqrt(t * t - ln / a));
    }
}
