package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `Sum`, `Max`, `Min` (versions 1, 6, 8, 12, 13) and `Mean` (versions 1, 6, 8, 13): folds any number of
/// inputs with a pairwise operator, broadcasting as it goes; `Mean` then divides by the input count.
final class VariadicKernel implements Kernel {

    private final String op;
    private final BinaryArithmeticKernel pairwise;
    private final boolean mean;

    private VariadicKernel(String op, BinaryArithmeticKernel pairwise, boolean mean) {
        this.op = op;
        this.pairwise = pairwise;
        this.mean = mean;
    }

    static VariadicKernel sum() {
        return new VariadicKernel("Sum", new AddKernel(), false);
    }

    static VariadicKernel mean() {
        return new VariadicKernel("Mean", new AddKernel(), true);
    }

    static VariadicKernel max() {
        return new VariadicKernel("Max", new MaxPairwiseKernel(), false);
    }

    static VariadicKernel min() {
        return new VariadicKernel("Min", new MinPairwiseKernel(), false);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        if (inputs.length == 0) {
            throw new KernelException(op + " needs at least one input");
        }
        var acc = Operands.tensor(op, inputs, 0, "data_0");
        for (int i = 1; i < inputs.length; i++) {
            acc = pairwise.apply(acc, Operands.tensor(op, inputs, i, "data_" + i));
        }
        return new RuntimeValue[] {mean ? divide(acc, inputs.length) : acc};
    }

    private Tensor divide(Tensor sum, int count) {
        if (!sum.type().isFloatingPoint()) {
            throw KernelException.unsupportedType(op + " input", sum.type());
        }
        var v = Numeric.doubles(sum);
        var o = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = v[i] / count;
        }
        return Numeric.fromDoubles(sum.type(), sum.shape(), o);
    }
}
