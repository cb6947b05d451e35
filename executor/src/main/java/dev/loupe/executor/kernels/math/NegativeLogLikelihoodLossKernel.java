package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;

/// `NegativeLogLikelihoodLoss` (versions 12, 13): the loss of log-probabilities `input` `[N, C, ...]` against
/// class indices `target` `[N, ...]`, optionally weighted per class (see [ClassLoss]).
final class NegativeLogLikelihoodLossKernel implements Kernel {

    private final ClassLoss loss;

    NegativeLogLikelihoodLossKernel(NodeSpec spec) {
        this.loss = new ClassLoss("NegativeLogLikelihoodLoss", spec);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var input = Operands.tensor("NegativeLogLikelihoodLoss", inputs, 0, "input");
        var target = Operands.tensor("NegativeLogLikelihoodLoss", inputs, 1, "target");
        var weight = Operands.optionalTensor("NegativeLogLikelihoodLoss", inputs, 2, "weight");
        if (!input.type().isFloatingPoint()) {
            throw KernelException.unsupportedType("NegativeLogLikelihoodLoss input", input.type());
        }
        return new RuntimeValue[] {loss.loss(Numeric.doubles(input), input.shape(), target, weight, input.type())};
    }
}
