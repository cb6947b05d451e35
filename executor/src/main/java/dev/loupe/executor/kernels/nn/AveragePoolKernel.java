package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

import java.util.Arrays;

/// `AveragePool` (versions 1, 7, 10, 11, 19), float types, 1-D to N-D: the mean of each window, with
/// `kernel_shape`, `strides`, `pads`, `auto_pad`, `ceil_mode` (version 10) and `dilations` (version 19). The
/// mean divides by the number of window positions inside the input, or with `count_include_pad = 1` (version
/// 7) inside the padded input.
final class AveragePoolKernel extends NnKernel {

    private final WindowAttributes window;
    private final boolean countPadding;

    AveragePoolKernel(NodeSpec node) {
        super("X", 3);
        this.window = WindowAttributes.of(node);
        this.countPadding = node.intAttr("count_include_pad", 0) != 0;
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        var xs = x.shape();
        var geometry = window.geometry(Arrays.copyOfRange(xs, 2, xs.length), null);
        int inSize = geometry.inputSize();
        int outSize = geometry.outputSize();
        int taps = geometry.kernelSize();
        var table = geometry.gatherTable();
        var divisor = new double[outSize];
        var counted = countPadding ? geometry.paddedTable() : null;
        for (int k = 0; k < taps; k++) {
            for (int p = 0; p < outSize; p++) {
                divisor[p] += countPadding ? counted[k * outSize + p] : table[k * outSize + p] >= 0 ? 1 : 0;
            }
        }
        int planes = (int) (xs[0] * xs[1]);
        var xv = Numbers.toDoubles(x);
        var out = new double[planes * outSize];
        for (int plane = 0; plane < planes; plane++) {
            context.checkCancelled();
            int base = plane * inSize;
            int o = plane * outSize;
            for (int k = 0; k < taps; k++) {
                int t = k * outSize;
                for (int p = 0; p < outSize; p++) {
                    int off = table[t + p];
                    if (off >= 0) {
                        out[o + p] += xv[base + off];
                    }
                }
            }
            for (int p = 0; p < outSize; p++) {
                out[o + p] /= divisor[p];
            }
        }
        var outShape = xs.clone();
        System.arraycopy(geometry.output(), 0, outShape, 2, geometry.output().length);
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), outShape, out)};
    }
}
