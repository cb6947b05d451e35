package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `LpNormalization` (versions 1, 22), float types: divides each vector along `axis` (default -1) by its L1
/// (`p = 1`) or L2 (`p = 2`, the default) norm; an all-zero vector stays zero.
final class LpNormalizationKernel extends NnKernel {

    private final long axis;
    private final long p;

    LpNormalizationKernel(NodeSpec node) {
        super("input", 1);
        this.axis = node.intAttr("axis", -1);
        this.p = node.intAttr("p", 2);
        if (p != 1 && p != 2) {
            throw new KernelException("p must be 1 or 2, got " + p);
        }
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        var shape = x.shape();
        int a = Operands.axis(axis, shape.length, "axis");
        int dim = (int) shape[a];
        int inner = 1;
        for (int d = a + 1; d < shape.length; d++) {
            inner *= (int) shape[d];
        }
        int outer = dim * inner == 0 ? 0 : x.size() / (dim * inner);
        var xv = Numbers.toDoubles(x);
        var y = new double[xv.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * dim * inner + i;
                double norm = 0;
                for (int j = 0; j < dim; j++) {
                    double v = xv[base + j * inner];
                    norm += p == 1 ? Math.abs(v) : v * v;
                }
                norm = p == 1 ? norm : Math.sqrt(norm);
                for (int j = 0; j < dim; j++) {
                    y[base + j * inner] = norm == 0 ? 0 : xv[base + j * inner] / norm;
                }
            }
        }
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), shape, y)};
    }
}
