package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;
import java.util.Set;

/// `MaxUnpool` (versions 9, 11, 22), float types: a zero tensor with each element of `X` written at the flat
/// position the int64 input `I` gives for it (as `MaxPool`'s `Indices` output lists them) in the unpooled
/// shape, `(in - 1) * stride + kernel - pads` per spatial axis. A larger `output_shape` input extends that
/// shape with zeros at the end of each axis.
final class MaxUnpoolKernel extends NnKernel {

    private final long[] kernel;
    private final long[] strides;
    private final long[] pads;

    MaxUnpoolKernel(NodeSpec node) {
        super("X", 3);
        this.kernel = node.intsAttr("kernel_shape", null);
        if (kernel == null) {
            throw new KernelException("required attribute 'kernel_shape' is missing");
        }
        this.strides = node.intsAttr("strides", null);
        this.pads = node.intsAttr("pads", null);
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        var indices = Operands.tensor(inputs, 1, "I", Set.of(ElementType.INT64));
        if (!Arrays.equals(indices.shape(), x.shape())) {
            throw new KernelException("I " + indices.describe() + " must have the shape of X " + x.describe());
        }
        var shapeInput = Operands.optional(inputs, 2, "output_shape");
        var natural = defaultShape(x.shape());
        var outShape = shapeInput != null ? Operands.longs(shapeInput, "output_shape") : natural;
        if (outShape.length != natural.length) {
            throw new KernelException("output_shape " + Arrays.toString(outShape) + " must have rank " + natural.length);
        }
        Operands.checkOutputSize(x.type(), outShape);
        var naturalStrides = Shapes.strides(natural);
        var outStrides = Shapes.strides(outShape);
        var y = new double[Shapes.checkedSize(outShape)];
        var xv = Numbers.toDoubles(x);
        var iv = indices.longs();
        long naturalSize = Shapes.checkedSize(natural);
        for (int i = 0; i < xv.length; i++) {
            if (iv[i] < 0 || iv[i] >= naturalSize) {
                throw new KernelException("index " + iv[i] + " is outside an unpooled tensor of shape " + Arrays.toString(natural));
            }
            // Indices address the unpooled shape; a larger output_shape extends it at the end of each axis.
            long target = 0;
            for (int d = 0; d < natural.length; d++) {
                long coord = iv[i] / naturalStrides[d] % natural[d];
                if (coord >= outShape[d]) {
                    throw new KernelException("index " + iv[i] + " falls outside output_shape " + Arrays.toString(outShape));
                }
                target += coord * outStrides[d];
            }
            y[(int) target] = xv[i];
        }
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), outShape, y)};
    }

    private long[] defaultShape(long[] in) {
        int spatial = in.length - 2;
        if (kernel.length != spatial) {
            throw new KernelException("kernel_shape " + Arrays.toString(kernel) + " does not match " + spatial + " spatial axes");
        }
        var out = in.clone();
        for (int i = 0; i < spatial; i++) {
            long s = strides == null ? 1 : strides[i];
            long padding = pads == null ? 0 : pads[i] + pads[i + spatial];
            out[i + 2] = (in[i + 2] - 1) * s + kernel[i] - padding;
        }
        return out;
    }
}
