package dev.loupe.executor.kernels.rnn;

import dev.loupe.executor.kernel.KernelException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/// An activation function of the recurrent operators (`activations`), with its `alpha` and `beta`.
///
/// @param kind the function
/// @param alpha its alpha (ignored by functions without one)
/// @param beta its beta (ignored by functions without one)
record Activation(Kind kind, double alpha, double beta) {

    /// The functions the recurrent operators accept, with the defaults of their parameters.
    enum Kind {
        RELU(0, 0), TANH(0, 0), SIGMOID(0, 0), AFFINE(1, 0), LEAKYRELU(0.01, 0), THRESHOLDEDRELU(1, 0),
        SCALEDTANH(1, 1), HARDSIGMOID(0.2, 0.5), ELU(1, 0), SOFTSIGN(0, 0), SOFTPLUS(0, 0);

        private final double defaultAlpha;
        private final double defaultBeta;

        Kind(double defaultAlpha, double defaultBeta) {
            this.defaultAlpha = defaultAlpha;
            this.defaultBeta = defaultBeta;
        }

        boolean usesAlpha() {
            return this == AFFINE || this == LEAKYRELU || this == THRESHOLDEDRELU || this == SCALEDTANH
                    || this == HARDSIGMOID || this == ELU;
        }

        boolean usesBeta() {
            return this == AFFINE || this == SCALEDTANH || this == HARDSIGMOID;
        }
    }

    /// Reads the `activations` names (case-insensitive), consuming `alphas` and `betas` in order for the
    /// functions that take them; a missing value takes the function's default.
    static List<Activation> parse(List<String> names, float[] alphas, float[] betas) {
        var out = new ArrayList<Activation>();
        int a = 0;
        int b = 0;
        for (var name : names) {
            Kind kind;
            try {
                kind = Kind.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new KernelException("activation '" + name + "' is not one of Relu, Tanh, Sigmoid, Affine, LeakyRelu, "
                        + "ThresholdedRelu, ScaledTanh, HardSigmoid, Elu, Softsign, Softplus");
            }
            double alpha = kind.usesAlpha() && alphas != null && a < alphas.length ? alphas[a++] : kind.defaultAlpha;
            double beta = kind.usesBeta() && betas != null && b < betas.length ? betas[b++] : kind.defaultBeta;
            out.add(new Activation(kind, alpha, beta));
        }
        return out;
    }

    /// Applies the function in place to `v[from, from + n)`.
    void apply(double[] v, int from, int n) {
        for (int i = from; i < from + n; i++) {
            v[i] = value(v[i]);
        }
    }

    /// Applies the function in place to `v[from, from + n)` in float: `Tanh` and `Sigmoid` with
    /// [GateFunctions], the others through [#value] in double.
    void apply(float[] v, int from, int n) {
        switch (kind) {
            case TANH -> GateFunctions.tanh(v, from, n);
            case SIGMOID -> GateFunctions.sigmoid(v, from, n);
            default -> {
                for (int i = from; i < from + n; i++) {
                    v[i] = (float) value(v[i]);
                }
            }
        }
    }

    /// The function at `x`.
    double value(double x) {
        return switch (kind) {
            case RELU -> Math.max(x, 0);
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case AFFINE -> alpha * x + beta;
            case LEAKYRELU -> x >= 0 ? x : alpha * x;
            case THRESHOLDEDRELU -> x > alpha ? x : 0;
            case SCALEDTANH -> alpha * Math.tanh(beta * x);
            case HARDSIGMOID -> Math.max(0, Math.min(1, alpha * x + beta));
            case ELU -> x >= 0 ? x : alpha * (Math.exp(x) - 1);
            case SOFTSIGN -> x / (1 + Math.abs(x));
            case SOFTPLUS -> Math.log1p(Math.exp(x));
        };
    }
}
