package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;

/// The negative log-likelihood shared by `NegativeLogLikelihoodLoss` and `SoftmaxCrossEntropyLoss`: for
/// log-probabilities laid out `[N, C, D]` (D the product of any trailing axes) and int targets `[N, D]`,
/// each position's loss is `-logp[n, target, d] * weight[target]` (weight 1 without weights, 0 where the
/// target is `ignore_index`); `reduction` is `none` (shape `[N, d1...]`), `sum`, or `mean` (the sum divided
/// by the sum of the weights used).
final class ClassLoss {

    private final String op;
    private final String reduction;
    private final Long ignoreIndex;

    ClassLoss(String op, NodeSpec spec) {
        this.op = op;
        this.reduction = spec.stringAttr("reduction", "mean");
        if (!reduction.equals("none") && !reduction.equals("sum") && !reduction.equals("mean")) {
            throw new KernelException(op + " reduction must be none, sum or mean, not \"" + reduction + "\"");
        }
        this.ignoreIndex = spec.has("ignore_index") ? spec.intAttr("ignore_index", 0) : null;
    }

    /// The loss of `logp` (shape `scoresShape`) against `target`, as a tensor of `type`.
    Tensor loss(double[] logp, long[] scoresShape, Tensor target, Tensor weight, ElementType type) {
        if (scoresShape.length < 2) {
            throw new KernelException(op + " needs scores of rank 2 or more, [N, C, ...], got " + Arrays.toString(scoresShape));
        }
        int n = (int) scoresShape[0];
        int c = (int) scoresShape[1];
        int d = logp.length / Math.max(1, n * c);
        var targetShape = new long[scoresShape.length - 1];
        targetShape[0] = n;
        System.arraycopy(scoresShape, 2, targetShape, 1, scoresShape.length - 2);
        if (!target.type().isInteger() || !Arrays.equals(target.shape(), targetShape)) {
            throw new KernelException(op + " needs integer targets of shape " + Arrays.toString(targetShape) + ", got " + target.describe());
        }
        var w = weight == null ? null : Numeric.doubles(weight);
        if (w != null && w.length != c) {
            throw new KernelException(op + " needs one weight per class (" + c + "), got " + weight.describe());
        }
        var t = Numeric.longs(target);
        var losses = new double[n * d];
        double weightSum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                long cls = t[i * d + j];
                if (ignoreIndex != null && cls == ignoreIndex) {
                    continue;
                }
                if (cls < 0 || cls >= c) {
                    throw new KernelException(op + " target " + cls + " is not a class index in [0, " + c + ")");
                }
                double wi = w == null ? 1 : w[(int) cls];
                losses[i * d + j] = -logp[(i * c + (int) cls) * d + j] * wi;
                weightSum += wi;
            }
        }
        if (reduction.equals("none")) {
            return Numeric.fromDoubles(type, targetShape, losses);
        }
        double sum = 0;
        for (double l : losses) {
            sum += l;
        }
        return Numeric.fromDoubles(type, new long[0], new double[] {reduction.equals("sum") ? sum : sum / weightSum});
    }
}
