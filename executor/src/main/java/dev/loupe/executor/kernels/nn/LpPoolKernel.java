package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.AttributeValue;

import java.util.Arrays;

/// `LpPool` (versions 1, 2, 11, 18), float types, 1-D to N-D: the p-norm `(sum |x|^p)^(1/p)` of each window
/// (padding adds nothing), with `p` (default 2; a float in version 1), `kernel_shape`, `strides`, `pads`,
/// `auto_pad`, and from version 18 `dilations` and `ceil_mode`.
final class LpPoolKernel extends NnKernel {

    private final WindowAttributes window;
    private final double p;

    LpPoolKernel(NodeSpec node) {
        super("X", 3);
        this.window = WindowAttributes.of(node);
        this.p = pAttribute(node);
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        var xs = x.shape();
        var geometry = window.geometry(Arrays.copyOfRange(xs, 2, xs.length), null);
        int inSize = geometry.inputSize();
        int outSize = geometry.outputSize();
        int taps = geometry.kernelSize();
        var table = geometry.gatherTable();
        int planes = (int) (xs[0] * xs[1]);
        var xv = Numbers.toDoubles(x);
        var out = new double[planes * outSize];
        for (int plane = 0; plane < planes; plane++) {
            context.checkCancelled();
            int base = plane * inSize;
            int o = plane * outSize;
            for (int k = 0; k < taps; k++) {
                int t = k * outSize;
                for (int q = 0; q < outSize; q++) {
                    int off = table[t + q];
                    if (off >= 0) {
                        out[o + q] += Math.pow(Math.abs(xv[base + off]), p);
                    }
                }
            }
            for (int q = 0; q < outSize; q++) {
                out[o + q] = Math.pow(out[o + q], 1 / p);
            }
        }
        var outShape = xs.clone();
        System.arraycopy(geometry.output(), 0, outShape, 2, geometry.output().length);
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), outShape, out)};
    }

    /// The `p` attribute: an int from version 2, a float in version 1.
    static double pAttribute(NodeSpec node) {
        return node.node().attribute("p").map(a -> a.value() instanceof AttributeValue.FloatValue(float f) ? (double) f
                : (double) node.intAttr("p", 2)).orElse(2.0);
    }
}
