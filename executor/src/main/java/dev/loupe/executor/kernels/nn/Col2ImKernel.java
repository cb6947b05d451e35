package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

import java.util.Arrays;

/// `Col2Im` (version 18), float types: the inverse of im2col. Input `(N, C * prod(block_shape), L)` holds, for
/// each of the `L` positions of a sliding block over an image of `image_shape` (with `strides`, `dilations`
/// and `pads`), the block's values; they are summed back into an output `(N, C, image_shape...)`.
final class Col2ImKernel extends NnKernel {

    private final long[] strides;
    private final long[] dilations;
    private final long[] pads;

    Col2ImKernel(NodeSpec node) {
        super("input", 3);
        this.strides = node.intsAttr("strides", null);
        this.dilations = node.intsAttr("dilations", null);
        this.pads = node.intsAttr("pads", null);
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        var image = Operands.longs(Operands.tensor(inputs, 1, "image_shape"), "image_shape");
        var block = Operands.longs(Operands.tensor(inputs, 2, "block_shape"), "block_shape");
        if (x.rank() != 3 || image.length != block.length) {
            throw new KernelException("input must be [N, C * block, L] and image_shape and block_shape of one length, got "
                    + x.describe() + ", " + Arrays.toString(image) + " and " + Arrays.toString(block));
        }
        var window = new WindowAttributes(block, strides, dilations, pads, WindowAttributes.AutoPad.NOTSET, false);
        var geometry = window.geometry(image, null);
        int taps = geometry.kernelSize();
        int positions = geometry.outputSize();
        int imageSize = geometry.inputSize();
        int n = (int) x.dim(0);
        if (x.dim(1) % taps != 0 || x.dim(2) != positions) {
            throw new KernelException("input " + x.describe() + " does not hold " + positions + " blocks of "
                    + Arrays.toString(block) + " over " + Arrays.toString(image));
        }
        int c = (int) x.dim(1) / taps;
        var table = geometry.gatherTable();
        var xv = Numbers.toDoubles(x);
        var outShape = new long[2 + image.length];
        outShape[0] = n;
        outShape[1] = c;
        System.arraycopy(image, 0, outShape, 2, image.length);
        Operands.checkOutputSize(x.type(), outShape);
        var y = new double[n * c * imageSize];
        for (int img = 0; img < n; img++) {
            for (int ch = 0; ch < c; ch++) {
                int out = (img * c + ch) * imageSize;
                for (int k = 0; k < taps; k++) {
                    int row = ((img * c + ch) * taps + k) * positions;
                    for (int p = 0; p < positions; p++) {
                        int target = table[k * positions + p];
                        if (target >= 0) {
                            y[out + target] += xv[row + p];
                        }
                    }
                }
            }
        }
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), outShape, y)};
    }
}
