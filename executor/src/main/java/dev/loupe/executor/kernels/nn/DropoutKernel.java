package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/// `Dropout` (versions 1, 6, 7, 10, 12, 13, 22), float types. In inference (always before version 12, and
/// when the `training_mode` input is absent or false) the output is the input and the mask is all true.
///
/// In training mode each element is kept with probability `1 - ratio` (the `ratio` input, default 0.5) and
/// scaled by `1 / (1 - ratio)`; the mask says which were kept. With a `seed` the draws are NumPy's for that
/// seed (uniform samples below `ratio` are dropped); without one they differ on every run.
final class DropoutKernel extends NnKernel {

    private final boolean trainingInputs;
    private final boolean boolMask;
    private final Long seed;

    DropoutKernel(NodeSpec node) {
        super("data", 0);
        this.trainingInputs = node.opsetVersion() >= 12;
        this.boolMask = node.opsetVersion() >= 10;
        this.seed = node.has("seed") ? node.intAttr("seed", 0) : null;
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        var ratioTensor = trainingInputs ? Operands.optional(inputs, 1, "ratio") : null;
        var trainingTensor = trainingInputs ? Operands.optional(inputs, 2, "training_mode") : null;
        double ratio = ratioTensor == null ? 0.5 : Operands.scalarDouble(ratioTensor, "ratio");
        boolean training = trainingTensor != null && Operands.scalarLong(trainingTensor, "training_mode") != 0;
        var maskType = boolMask ? ElementType.BOOL : x.type();
        var keep = new double[x.size()];
        if (!training || ratio == 0) {
            Arrays.fill(keep, 1);
            return new RuntimeValue[] {x, Numbers.fromDoubles(maskType, x.shape(), keep)};
        }
        if (ratio < 0 || ratio >= 1) {
            throw new KernelException("ratio must lie in [0, 1), got " + ratio);
        }
        var xv = Numbers.toDoubles(x);
        var y = new double[xv.length];
        double scale = 1 / (1 - ratio);
        var random = seed == null ? new Mt19937(ThreadLocalRandom.current().nextInt()) : new Mt19937(seed);
        for (int i = 0; i < xv.length; i++) {
            keep[i] = random.nextDouble() >= ratio ? 1 : 0;
            y[i] = keep[i] * xv[i] * scale;
        }
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), x.shape(), y), Numbers.fromDoubles(maskType, x.shape(), keep)};
    }
}
