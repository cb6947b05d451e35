package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;

/// `ai.onnx.ml.SVMRegressor` 1 · X: float, double, int64, int32 → Y: float `[N, 1]`.
///
/// With support vectors, `y = Σ coefficients[j] · K(x, sv[j]) + rho[0]`; without (`n_supports` 0), `y = x ·
/// coefficients + rho[0]`. A one-class model outputs 1 where `y > 0` and -1 elsewhere. `post_transform` is
/// applied last.
final class SvmRegressorKernel implements Kernel {

    private final SvmKernelFunction kernel;
    private final SvmKernelFunction.Params params;
    private final double[] coefficients;
    private final double[] supportVectors;
    private final int supports;
    private final double rho;
    private final boolean oneClass;
    private final PostTransform post;

    SvmRegressorKernel(NodeSpec spec) {
        supports = (int) spec.intAttr("n_supports", 0);
        kernel = supports > 0 ? SvmKernelFunction.of(spec) : SvmKernelFunction.LINEAR;
        params = SvmKernelFunction.params(spec);
        coefficients = MlAttributes.requiredDoubles(spec, "coefficients");
        var sv = MlAttributes.doubles(spec, "support_vectors");
        supportVectors = sv == null ? new double[0] : sv;
        if (supports > 0) {
            MlAttributes.checkLength("coefficients", coefficients.length, supports, "one per support vector");
            if (supportVectors.length % supports != 0) {
                throw new KernelException("support_vectors has " + supportVectors.length + " values, not a multiple of n_supports " + supports);
            }
        }
        var r = MlAttributes.requiredDoubles(spec, "rho");
        rho = r.length == 0 ? 0 : r[0];
        oneClass = spec.intAttr("one_class", 0) != 0;
        post = PostTransform.of(spec);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var x = FeatureMatrix.of(MlTensors.tensor(inputs, 0, "X"), "X");
        int f = x.cols();
        int expected = supports > 0 ? supportVectors.length / supports : coefficients.length;
        if (f != expected) {
            throw new KernelException("input X has " + f + " features per sample, the model expects " + expected);
        }
        var v = x.values();
        var y = new double[x.rows()];
        for (int n = 0; n < x.rows(); n++) {
            double s;
            if (supports > 0) {
                s = 0;
                for (int j = 0; j < supports; j++) {
                    s += coefficients[j] * kernel.apply(params, v, n * f, supportVectors, j * f, f);
                }
            } else {
                s = kernel.apply(params, v, n * f, coefficients, 0, f);
            }
            s += rho;
            y[n] = oneClass ? (s > 0 ? 1 : -1) : s;
            post.apply(y, n, 1);
        }
        return new RuntimeValue[] {MlTensors.floats(new long[] {x.rows(), 1}, y)};
    }
}
