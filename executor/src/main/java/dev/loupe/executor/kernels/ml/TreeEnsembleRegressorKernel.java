package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;

/// `ai.onnx.ml.TreeEnsembleRegressor` 1 and 3 · X: float, double, int64, int32 → Y: float `[N, n_targets]`.
///
/// Each target aggregates the votes of the leaves the sample reaches by `aggregate_function` (SUM, AVERAGE
/// over the number of trees, MIN, MAX; a target no leaf votes for scores 0), then `base_values` are added and
/// `post_transform` is applied. Thresholds and sums are evaluated in double.
final class TreeEnsembleRegressorKernel implements Kernel {

    private enum Aggregate { SUM, AVERAGE, MIN, MAX }

    private final TreeEnsemble ensemble;
    private final int targets;
    private final Aggregate aggregate;
    private final double[] baseValues;
    private final PostTransform post;

    TreeEnsembleRegressorKernel(NodeSpec spec) {
        ensemble = TreeEnsemble.of(spec);
        targets = (int) spec.intAttr("n_targets", ensemble.maxTarget() + 1);
        if (ensemble.maxTarget() >= targets) {
            throw new KernelException("target_ids reach " + ensemble.maxTarget() + ", but n_targets is " + targets);
        }
        var name = spec.stringAttr("aggregate_function", "SUM");
        try {
            aggregate = Aggregate.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new KernelException("aggregate_function '" + name + "' is not one of SUM, AVERAGE, MIN, MAX");
        }
        baseValues = MlAttributes.floatsOrTensor(spec, "base_values");
        if (baseValues != null && baseValues.length != 0) {
            MlAttributes.checkLength("base_values", baseValues.length, targets, "one per target");
        }
        post = PostTransform.of(spec);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var x = ensemble.checkedFeatures(MlTensors.tensor(inputs, 0, "X"));
        int trees = ensemble.treeCount();
        var leaves = ensemble.leaves(x, ThresholdPrecision.DOUBLE);
        var scores = new double[x.rows() * targets];
        boolean[] voted = aggregate == Aggregate.MIN || aggregate == Aggregate.MAX ? new boolean[scores.length] : null;
        for (int row = 0; row < x.rows(); row++) {
            int offset = row * targets;
            for (int t = 0; t < trees; t++) {
                int leaf = leaves[row * trees + t];
                if (voted == null) {
                    ensemble.addVotes(leaf, scores, offset);
                } else {
                    ensemble.minMaxVotes(leaf, aggregate == Aggregate.MAX, scores, voted, offset);
                }
            }
            for (int j = 0; j < targets; j++) {
                if (aggregate == Aggregate.AVERAGE && trees > 0) {
                    scores[offset + j] /= trees;
                }
                if (baseValues != null && baseValues.length != 0) {
                    scores[offset + j] += baseValues[j];
                }
            }
            post.apply(scores, offset, targets);
        }
        return new RuntimeValue[] {MlTensors.floats(new long[] {x.rows(), targets}, scores)};
    }
}
