package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;

/// `ai.onnx.ml.SVMClassifier` 1 · X: float, double, int64, int32 → Y: int64 or string `[N]`, Z: float.
///
/// With support vectors (`vectors_per_class`) this is libsvm's one-vs-one SVC: for each class pair `(i, j)`,
/// `i < j`, the decision value is `rho[pair]` plus the dual coefficients of both classes' vectors times their
/// kernel values; a positive value votes for `i`, else for `j`, and the label is the class with most votes.
/// Z holds the `k(k-1)/2` decision values, or with `prob_a`/`prob_b` the `k` coupled probabilities. Without
/// support vectors the model is linear: one score `rho[0] + x · coefficients[c]` per class.
///
/// A model with one `rho` and two classes reports Z as `[-s, s]` (unless the post transform is PROBIT) and, for int64 labels other than two,
/// the label 1 when the winning weight is positive and 0 otherwise, as the ONNX reference implementation
/// does; `post_transform` applies to Z.
final class SvmClassifierKernel implements Kernel {

    private final ClassLabels labels;
    private final int classes;
    private final SvmKernelFunction kernel;
    private final SvmKernelFunction.Params params;
    private final double[] coefficients;
    private final double[] supportVectors;
    private final int[] start;
    private final int[] count;
    private final int vectors;
    private final double[] rho;
    private final PairwiseCoupling coupling;
    private final boolean weightsArePositive;
    private final PostTransform post;

    SvmClassifierKernel(NodeSpec spec) {
        labels = spec.has("classlabels_ints") || spec.has("classlabels_strings")
                ? ClassLabels.of(spec, "classlabels_ints", "classlabels_strings") : null;
        classes = labels == null ? 1 : Math.max(labels.size(), 1);
        coefficients = MlAttributes.requiredDoubles(spec, "coefficients");
        rho = MlAttributes.requiredDoubles(spec, "rho");
        var perClass = spec.intsAttr("vectors_per_class", new long[0]);
        start = new int[perClass.length];
        count = new int[perClass.length];
        int total = 0;
        for (int i = 0; i < perClass.length; i++) {
            start[i] = total;
            count[i] = (int) perClass[i];
            total += count[i];
        }
        vectors = total;
        params = SvmKernelFunction.params(spec);
        var sv = MlAttributes.doubles(spec, "support_vectors");
        supportVectors = sv == null ? new double[0] : sv;
        if (vectors > 0) {
            kernel = SvmKernelFunction.of(spec);
            MlAttributes.checkLength("vectors_per_class", perClass.length, classes, "one per class");
            MlAttributes.checkLength("coefficients", coefficients.length, (classes - 1) * vectors, "(classes - 1) x vectors");
            MlAttributes.checkLength("rho", rho.length, classes * (classes - 1) / 2, "one per class pair");
        } else {
            kernel = SvmKernelFunction.LINEAR;
        }
        var probA = MlAttributes.doubles(spec, "prob_a");
        var probB = MlAttributes.doubles(spec, "prob_b");
        if (vectors > 0 && probA != null && probA.length > 0) {
            MlAttributes.checkLength("prob_a", probA.length, rho.length, "one per class pair");
            MlAttributes.checkLength("prob_b", probB == null ? 0 : probB.length, rho.length, "one per class pair");
            coupling = new PairwiseCoupling(classes, probA, probB);
        } else {
            coupling = null;
        }
        double min = Double.POSITIVE_INFINITY;
        for (double c : coefficients) {
            min = Math.min(min, c);
        }
        weightsArePositive = min >= 0;
        post = PostTransform.of(spec);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var x = FeatureMatrix.of(MlTensors.tensor(inputs, 0, "X"), "X");
        int f = x.cols();
        int expected = vectors > 0 ? supportVectors.length / vectors : coefficients.length / classes;
        if (f != expected) {
            throw new KernelException("input X has " + f + " features per sample, the model expects " + expected);
        }
        int raw = vectors > 0 ? classes * (classes - 1) / 2 : classes;
        int width = coupling != null ? classes : raw;
        boolean mirrored = width == 1 && rho.length == 1 && classes == 2 && post != PostTransform.PROBIT;
        int outWidth = mirrored ? 2 : width;
        var decision = new double[raw];
        var kernels = new double[vectors];
        var votes = new int[classes];
        var z = new double[x.rows() * outWidth];
        var winner = new int[x.rows()];
        var weight = new double[x.rows()];
        var v = x.values();
        for (int n = 0; n < x.rows(); n++) {
            int out = n * outWidth;
            if (vectors > 0) {
                oneVsOne(v, n * f, f, kernels, decision, votes);
                if (coupling != null) {
                    coupling.probabilities(decision, 0, z, out);
                } else {
                    System.arraycopy(decision, 0, z, out, raw);
                }
                winner[n] = argMax(votes);
                weight[n] = votes[winner[n]];
            } else {
                for (int c = 0; c < classes; c++) {
                    z[out + c] = rho[0] + kernel.apply(params, v, n * f, coefficients, c * f, f);
                }
                winner[n] = argMax(z, out, classes);
                weight[n] = z[out + winner[n]];
            }
            if (mirrored) {
                z[out + 1] = z[out];
                z[out] = -z[out];
            }
            post.apply(z, out, outWidth);
        }
        return new RuntimeValue[] {labelTensor(winner, weight), MlTensors.floats(new long[] {x.rows(), outWidth}, z)};
    }

    private void oneVsOne(double[] x, int from, int f, double[] kernels, double[] decision, int[] votes) {
        for (int j = 0; j < vectors; j++) {
            kernels[j] = kernel.apply(params, x, from, supportVectors, j * f, f);
        }
        Arrays.fill(votes, 0);
        int pair = 0;
        for (int i = 0; i < classes; i++) {
            for (int j = i + 1; j < classes; j++) {
                double s = rho[pair];
                int rowJ = (j - 1) * vectors;
                int rowI = i * vectors;
                for (int m = start[i]; m < start[i] + count[i]; m++) {
                    s += coefficients[rowJ + m] * kernels[m];
                }
                for (int m = start[j]; m < start[j] + count[j]; m++) {
                    s += coefficients[rowI + m] * kernels[m];
                }
                decision[pair++] = s;
                votes[s > 0 ? i : j]++;
            }
        }
    }

    private Tensor labelTensor(int[] winner, double[] weight) {
        int n = winner.length;
        if (rho.length == 1 && (labels == null || labels.size() != 2)) {
            var index = new int[n];
            var raw = new long[n];
            for (int i = 0; i < n; i++) {
                index[i] = weight[i] > 0 ? 1 : 0;
                raw[i] = index[i];
            }
            return labels != null && labels.areStrings() ? labels.labelsOf(index) : Tensor.ofLongs(new long[] {n}, raw);
        }
        if (rho.length == 1 && coupling == null && weightsArePositive) {
            for (int i = 0; i < n; i++) {
                winner[i] = weight[i] >= 0.5 ? 1 : winner[i];
            }
        }
        if (labels == null) {
            var raw = new long[n];
            for (int i = 0; i < n; i++) {
                raw[i] = winner[i];
            }
            return Tensor.of(ElementType.INT64, new long[] {n}, raw);
        }
        return labels.labelsOf(winner);
    }

    private static int argMax(int[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int argMax(double[] v, int from, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (v[from + i] > v[from + best]) {
                best = i;
            }
        }
        return best;
    }
}
