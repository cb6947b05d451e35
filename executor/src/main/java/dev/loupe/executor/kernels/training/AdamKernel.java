package dev.loupe.executor.kernels.training;

import dev.loupe.executor.kernel.NodeSpec;

/// `ai.onnx.preview.training.Adam` 1 · R, T; X, G, V, H (float or double) → X_new, V_new, H_new.
///
/// `g = norm_coefficient · X + G`, `V' = alpha · V + (1 - alpha) · g`, `H' = beta · H + (1 - beta) · g²`,
/// `r = R · √(1 - betaᵀ) / (1 - alphaᵀ)` when `T > 0` (else `R`),
/// `X' = (1 - norm_coefficient_post) · (X - r · V' / (√H' + epsilon))`.
final class AdamKernel extends OptimizerKernel {

    private final double alpha;
    private final double beta;
    private final double epsilon;
    private final double norm;
    private final double normPost;

    AdamKernel(NodeSpec spec) {
        super(2);
        alpha = spec.floatAttr("alpha", 0.9f);
        beta = spec.floatAttr("beta", 0.999f);
        epsilon = spec.floatAttr("epsilon", 1e-6f);
        norm = spec.floatAttr("norm_coefficient", 0f);
        normPost = spec.floatAttr("norm_coefficient_post", 0f);
    }

    @Override
    protected void update(double r, long t, double[] x, double[] g, double[][] state, double[] newX, double[][] newState) {
        double rate = t > 0 ? r * Math.sqrt(1 - Math.pow(beta, t)) / (1 - Math.pow(alpha, t)) : r;
        var v = state[0];
        var h = state[1];
        var nv = newState[0];
        var nh = newState[1];
        for (int i = 0; i < x.length; i++) {
            double grad = norm * x[i] + g[i];
            nv[i] = alpha * v[i] + (1 - alpha) * grad;
            nh[i] = beta * h[i] + (1 - beta) * grad * grad;
            newX[i] = (1 - normPost) * (x[i] - rate * nv[i] / (Math.sqrt(nh[i]) + epsilon));
        }
    }
}
