package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;

import java.util.Arrays;

/// `Reshape` (versions 1, 5, 13, 14, 19, 21), any element type: the shape comes from the `shape` attribute in
/// version 1 and from the second input after. A `0` copies the input's dimension unless `allowzero` (version
/// 14) is set, one `-1` is inferred. The data is shared, not copied.
final class ReshapeKernel extends SingleOutputKernel {

    private final long[] shapeAttribute;
    private final boolean allowZero;

    ReshapeKernel(NodeSpec node) {
        this.shapeAttribute = node.opsetVersion() < 5 ? node.intsAttr("shape", new long[0]) : null;
        this.allowZero = node.intAttr("allowzero", 0) != 0;
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var data = Operands.tensor(inputs, 0, "data");
        var requested = shapeAttribute != null ? shapeAttribute : Operands.longs(Operands.tensor(inputs, 1, "shape"), "shape");
        return data.reshape(resolve(data.shape(), requested, allowZero));
    }

    /// The concrete shape `requested` stands for, given the input's shape.
    static long[] resolve(long[] input, long[] requested, boolean allowZero) {
        var out = requested.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0 && !allowZero) {
                if (i >= input.length) {
                    throw impossible(input, requested, "dimension " + i + " is 0 but the input has rank " + input.length);
                }
                out[i] = input[i];
            } else if (out[i] == -1) {
                if (inferred >= 0) {
                    throw impossible(input, requested, "more than one dimension is -1");
                }
                inferred = i;
                continue;
            } else if (out[i] < -1) {
                throw impossible(input, requested, "dimension " + i + " is negative");
            }
            known *= out[i];
        }
        long total = Shapes.checkedSize(input);
        if (inferred >= 0) {
            if (known == 0 || total % known != 0) {
                throw impossible(input, requested, "the -1 dimension cannot be inferred");
            }
            out[inferred] = total / known;
        } else if (known != total) {
            throw impossible(input, requested, "the element counts differ");
        }
        return out;
    }

    private static KernelException impossible(long[] input, long[] requested, String why) {
        return new KernelException("cannot reshape a tensor of shape " + Arrays.toString(input) + " to "
                + Arrays.toString(requested) + ": " + why);
    }
}
