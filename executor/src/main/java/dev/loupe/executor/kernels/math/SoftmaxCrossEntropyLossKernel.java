package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;

/// `SoftmaxCrossEntropyLoss` (versions 12, 13): the log-softmax of `scores` `[N, C, ...]` over the class axis
/// (output `log_prob`, when wanted), then its negative log-likelihood against `labels` (see [ClassLoss]).
final class SoftmaxCrossEntropyLossKernel implements Kernel {

    private final ClassLoss loss;

    SoftmaxCrossEntropyLossKernel(NodeSpec spec) {
        this.loss = new ClassLoss("SoftmaxCrossEntropyLoss", spec);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var scores = Operands.tensor("SoftmaxCrossEntropyLoss", inputs, 0, "scores");
        var labels = Operands.tensor("SoftmaxCrossEntropyLoss", inputs, 1, "labels");
        var weights = Operands.optionalTensor("SoftmaxCrossEntropyLoss", inputs, 2, "weights");
        if (!scores.type().isFloatingPoint()) {
            throw KernelException.unsupportedType("SoftmaxCrossEntropyLoss scores", scores.type());
        }
        if (scores.rank() < 2) {
            throw new KernelException("SoftmaxCrossEntropyLoss needs scores of rank 2 or more, [N, C, ...], got " + scores.describe());
        }
        var split = AxisSplit.around(scores.shape(), 1);
        var x = Numeric.doubles(scores);
        var logp = new double[x.length];
        for (int o = 0; o < split.outer(); o++) {
            for (int i = 0; i < split.inner(); i++) {
                int base = o * split.n() * split.inner() + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < split.n(); k++) {
                    max = Math.max(max, x[base + k * split.inner()]);
                }
                double sum = 0;
                for (int k = 0; k < split.n(); k++) {
                    sum += Math.exp(x[base + k * split.inner()] - max);
                }
                double logSum = max + Math.log(sum);
                for (int k = 0; k < split.n(); k++) {
                    logp[base + k * split.inner()] = x[base + k * split.inner()] - logSum;
                }
            }
        }
        var out = loss.loss(logp, scores.shape(), labels, weights, scores.type());
        return new RuntimeValue[] {out, Numeric.fromDoubles(scores.type(), scores.shape(), logp)};
    }
}
