package dev.loupe.executor.kernels.training;

import dev.loupe.executor.kernel.NodeSpec;

/// `ai.onnx.preview.training.Adagrad` 1 · R, T; X, G, H (float or double) → X_new, H_new.
///
/// `r = R / (1 + T · decay_factor)`, `g = norm_coefficient · X + G`, `H' = H + g²`,
/// `X' = X - r · g / (√H' + epsilon)`.
final class AdagradKernel extends OptimizerKernel {

    private final double decay;
    private final double epsilon;
    private final double norm;

    AdagradKernel(NodeSpec spec) {
        super(1);
        decay = spec.floatAttr("decay_factor", 0f);
        epsilon = spec.floatAttr("epsilon", 1e-6f);
        norm = spec.floatAttr("norm_coefficient", 0f);
    }

    @Override
    protected void update(double r, long t, double[] x, double[] g, double[][] state, double[] newX, double[][] newState) {
        double rate = r / (1 + t * decay);
        var h = state[0];
        var nh = newState[0];
        for (int i = 0; i < x.length; i++) {
            double grad = norm * x[i] + g[i];
            nh[i] = h[i] + grad * grad;
            newX[i] = x[i] - rate * grad / (Math.sqrt(nh[i]) + epsilon);
        }
    }
}
