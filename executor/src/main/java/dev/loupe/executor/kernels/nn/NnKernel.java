package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Set;

/// Base of this family's kernels: checks that the first input is a tensor of the accepted element types
/// (float, double, float16 and bfloat16 unless a kernel says otherwise) and of at least the required rank,
/// then hands it to the maths. Numeric kernels compute in double precision and round the result to the
/// input's type.
abstract class NnKernel implements Kernel {

    private final String inputName;
    private final Set<ElementType> types;
    private final int minRank;

    NnKernel(String inputName, int minRank) {
        this(inputName, Operands.FLOATS, minRank);
    }

    NnKernel(String inputName, Set<ElementType> types, int minRank) {
        this.inputName = inputName;
        this.types = types;
        this.minRank = minRank;
    }

    @Override
    public final RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        return compute(firstInput(inputs), inputs, context);
    }

    /// The first input, checked for type and rank.
    final Tensor firstInput(RuntimeValue[] inputs) {
        var x = Operands.tensor(inputs, 0, inputName, types);
        if (x.rank() < minRank) {
            throw new KernelException(inputName + " must have rank " + minRank + " or more, got " + x.describe());
        }
        return x;
    }

    /// The outputs, from the checked first input `x` and all inputs (absent optional ones are `null`).
    abstract RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context);
}
