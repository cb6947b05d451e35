package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;

/// `ai.onnx.ml.LinearClassifier` 1 · X: float, double, int64, int32 → Y: int64 or string `[N]`, Z: float
/// `[N, E]`.
///
/// Scores are `X · coefficientsᵀ + intercepts` with `coefficients` as `[E, F]`. With one score row and two
/// class labels the scores become `[-s, s]`. After `post_transform` the label is the class of the highest
/// score; with a single score it is the first label when the score reaches 0 (NONE) or 0.5 (otherwise), else
/// 0 or the empty string. Without class labels the labels are the class indices.
final class LinearClassifierKernel implements Kernel {

    private final double[] coefficients;
    private final double[] intercepts;
    private final ClassLabels labels;
    private final PostTransform post;

    LinearClassifierKernel(NodeSpec spec) {
        coefficients = MlAttributes.requiredDoubles(spec, "coefficients");
        intercepts = MlAttributes.doubles(spec, "intercepts");
        post = PostTransform.of(spec);
        boolean hasLabels = spec.has("classlabels_ints") || spec.has("classlabels_strings");
        labels = hasLabels ? ClassLabels.of(spec, "classlabels_ints", "classlabels_strings") : null;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var x = FeatureMatrix.of(MlTensors.tensor(inputs, 0, "X"), "X");
        int f = x.cols();
        if (f == 0 || coefficients.length % f != 0) {
            throw new KernelException(coefficients.length + " coefficients do not make whole rows of " + f + " features");
        }
        int e = coefficients.length / f;
        if (intercepts != null && intercepts.length != e) {
            throw new KernelException("intercepts has " + intercepts.length + " values, expected " + e + " (one per class)");
        }
        var effective = labels != null ? labels : indexLabels(e);
        boolean mirrored = e == 1 && effective.size() == 2;
        int width = mirrored ? 2 : e;
        var scores = new double[x.rows() * width];
        var best = new int[x.rows()];
        var v = x.values();
        for (int n = 0; n < x.rows(); n++) {
            int out = n * width;
            for (int c = 0; c < e; c++) {
                double s = intercepts == null ? 0 : intercepts[c];
                for (int j = 0; j < f; j++) {
                    s += v[n * f + j] * coefficients[c * f + j];
                }
                scores[out + c] = s;
            }
            if (mirrored) {
                scores[out + 1] = scores[out];
                scores[out] = -scores[out];
            }
            post.apply(scores, out, width);
            if (width > 1) {
                int arg = 0;
                for (int c = 1; c < width; c++) {
                    if (scores[out + c] > scores[out + arg]) {
                        arg = c;
                    }
                }
                best[n] = arg;
            } else {
                double threshold = post == PostTransform.NONE ? 0 : 0.5;
                best[n] = scores[out] >= threshold ? 0 : -1;
            }
        }
        return new RuntimeValue[] {effective.labelsOf(best), MlTensors.floats(new long[] {x.rows(), width}, scores)};
    }

    /// Labels for a model without class labels: the class indices (1 for a single score).
    private static ClassLabels indexLabels(int classes) {
        var ints = new long[classes];
        for (int i = 0; i < classes; i++) {
            ints[i] = classes == 1 ? 1 : i;
        }
        return new ClassLabels(ints, null);
    }
}
