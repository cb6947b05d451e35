package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;

import java.util.Arrays;

/// `ai.onnx.ml.TreeEnsembleClassifier` 1 and 3 · X: float, double, int64, int32 → Y: int64 or string `[N]`,
/// Z: float `[N, classes]`.
///
/// Class scores start at `base_values` (one per class, or one for all) and sum the votes of the leaves the
/// sample reaches. When every vote is for one class (the binary case) that class's score `s` becomes the
/// second column and the first is `1 - s` for post transforms NONE and PROBIT, `-s` otherwise; a model with
/// a single class label gets two columns that way. Then `post_transform` is applied and the label is the
/// class of the highest score (the first on ties).
final class TreeEnsembleClassifierKernel implements Kernel {

    private final TreeEnsemble ensemble;
    private final ClassLabels labels;
    private final double[] baseValues;
    private final PostTransform post;
    private final int binaryClass;

    TreeEnsembleClassifierKernel(NodeSpec spec) {
        ensemble = TreeEnsemble.of(spec);
        labels = ClassLabels.of(spec, "classlabels_int64s", "classlabels_strings");
        if (ensemble.maxTarget() >= labels.size()) {
            throw new KernelException("class_ids reach " + ensemble.maxTarget() + ", but there are " + labels.size() + " class labels");
        }
        baseValues = MlAttributes.floatsOrTensor(spec, "base_values");
        if (baseValues != null && baseValues.length > 1) {
            MlAttributes.checkLength("base_values", baseValues.length, labels.size(), "one per class");
        }
        post = PostTransform.of(spec);
        long[] classIds = MlAttributes.requiredInts(spec, "class_ids");
        boolean single = classIds.length > 0 && Arrays.stream(classIds).allMatch(c -> c == classIds[0]);
        binaryClass = single ? (int) classIds[0] : -1;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var x = ensemble.checkedFeatures(MlTensors.tensor(inputs, 0, "X"));
        int classes = labels.size();
        int width = binaryClass >= 0 ? Math.max(classes, 2) : classes;
        int trees = ensemble.treeCount();
        var leaves = ensemble.leaves(x, ThresholdPrecision.DOUBLE);
        var row = new double[width];
        var scores = new double[x.rows() * width];
        var best = new int[x.rows()];
        for (int n = 0; n < x.rows(); n++) {
            Arrays.fill(row, 0);
            for (int c = 0; c < classes && baseValues != null && baseValues.length > 0; c++) {
                row[c] = baseValues[baseValues.length == 1 ? 0 : c];
            }
            for (int t = 0; t < trees; t++) {
                ensemble.addVotes(leaves[n * trees + t], row, 0);
            }
            if (binaryClass >= 0) {
                double s = row[binaryClass];
                row[1] = s;
                row[0] = post == PostTransform.NONE || post == PostTransform.PROBIT ? 1 - s : -s;
            }
            post.apply(row, 0, width);
            int arg = 0;
            for (int c = 1; c < width; c++) {
                if (row[c] > row[arg]) {
                    arg = c;
                }
            }
            best[n] = classes == 1 ? arg - 1 : arg;
            System.arraycopy(row, 0, scores, n * width, width);
        }
        return new RuntimeValue[] {labels.labelsOf(best), MlTensors.floats(new long[] {x.rows(), width}, scores)};
    }
}
