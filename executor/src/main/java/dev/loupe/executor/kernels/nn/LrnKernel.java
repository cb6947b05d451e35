package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

import java.util.Arrays;

/// `LRN` (versions 1, 13), float types: local response normalization across channels,
/// `y = x / (bias + alpha / size * sum(x^2))^beta`, the sum running over the channels
/// `[c - floor((size - 1) / 2), c + ceil((size - 1) / 2)]` that exist.
final class LrnKernel extends NnKernel {

    private final int size;
    private final double alpha;
    private final double beta;
    private final double bias;

    LrnKernel(NodeSpec node) {
        super("X", 3);
        this.size = (int) node.intAttr("size", 0);
        if (size < 1) {
            throw new KernelException("attribute 'size' must be a positive int, got " + size);
        }
        this.alpha = node.floatAttr("alpha", 1e-4f);
        this.beta = node.floatAttr("beta", 0.75f);
        this.bias = node.floatAttr("bias", 1f);
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        int n = (int) x.dim(0);
        int c = (int) x.dim(1);
        int inner = n * c == 0 ? 0 : x.size() / (n * c);
        int before = (size - 1) / 2;
        int after = size - 1 - before;
        var xv = Numbers.toDoubles(x);
        var y = new double[xv.length];
        var sum = new double[inner];
        for (int img = 0; img < n; img++) {
            for (int ch = 0; ch < c; ch++) {
                Arrays.fill(sum, 0);
                for (int j = Math.max(0, ch - before); j <= Math.min(c - 1, ch + after); j++) {
                    int base = (img * c + j) * inner;
                    for (int i = 0; i < inner; i++) {
                        sum[i] += xv[base + i] * xv[base + i];
                    }
                }
                int base = (img * c + ch) * inner;
                for (int i = 0; i < inner; i++) {
                    y[base + i] = xv[base + i] / Math.pow(bias + alpha / size * sum[i], beta);
                }
            }
        }
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), x.shape(), y)};
    }
}
