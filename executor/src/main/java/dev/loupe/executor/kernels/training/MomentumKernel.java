package dev.loupe.executor.kernels.training;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;

/// `ai.onnx.preview.training.Momentum` 1 · R, T; X, G, V (float or double) → X_new, V_new.
///
/// `g = norm_coefficient · X + G`, `V' = alpha · V + b · g` with `b = beta` when `T > 0` and 1 on the first
/// update; `mode` standard: `X' = X - R · V'`, nesterov: `X' = X - R · (g + alpha · V')`.
final class MomentumKernel extends OptimizerKernel {

    private final double alpha;
    private final double beta;
    private final double norm;
    private final boolean nesterov;

    MomentumKernel(NodeSpec spec) {
        super(1);
        alpha = spec.floatAttr("alpha", 0f);
        beta = spec.floatAttr("beta", 0f);
        norm = spec.floatAttr("norm_coefficient", 0f);
        var mode = spec.stringAttr("mode", "standard");
        if (!mode.equals("standard") && !mode.equals("nesterov")) {
            throw new KernelException("mode '" + mode + "' is not one of standard, nesterov");
        }
        nesterov = mode.equals("nesterov");
    }

    @Override
    protected void update(double r, long t, double[] x, double[] g, double[][] state, double[] newX, double[][] newState) {
        double b = t > 0 ? beta : 1;
        var v = state[0];
        var nv = newState[0];
        for (int i = 0; i < x.length; i++) {
            double grad = norm * x[i] + g[i];
            nv[i] = alpha * v[i] + b * grad;
            newX[i] = nesterov ? x[i] - r * (grad + alpha * nv[i]) : x[i] - r * nv[i];
        }
    }
}
