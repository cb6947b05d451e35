package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;

/// `ai.onnx.ml.LinearRegressor` 1 · X: float, double, int64, int32 → Y: float `[N, targets]`.
///
/// `Y = X · coefficientsᵀ + intercepts` with `coefficients` as `[targets, F]`, then `post_transform`.
final class LinearRegressorKernel implements Kernel {

    private final double[] coefficients;
    private final double[] intercepts;
    private final int targets;
    private final PostTransform post;

    LinearRegressorKernel(NodeSpec spec) {
        coefficients = MlAttributes.requiredDoubles(spec, "coefficients");
        targets = (int) spec.intAttr("targets", 1);
        intercepts = MlAttributes.doubles(spec, "intercepts");
        if (intercepts != null) {
            MlAttributes.checkLength("intercepts", intercepts.length, targets, "one per target");
        }
        post = PostTransform.of(spec);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var x = FeatureMatrix.of(MlTensors.tensor(inputs, 0, "X"), "X");
        int f = x.cols();
        if (coefficients.length != targets * f) {
            throw new KernelException(coefficients.length + " coefficients do not fit " + targets + " targets of " + f + " features");
        }
        var y = new double[x.rows() * targets];
        var v = x.values();
        for (int n = 0; n < x.rows(); n++) {
            for (int t = 0; t < targets; t++) {
                double s = intercepts == null ? 0 : intercepts[t];
                for (int j = 0; j < f; j++) {
                    s += v[n * f + j] * coefficients[t * f + j];
                }
                y[n * targets + t] = s;
            }
            post.apply(y, n * targets, targets);
        }
        return new RuntimeValue[] {MlTensors.floats(new long[] {x.rows(), targets}, y)};
    }
}
