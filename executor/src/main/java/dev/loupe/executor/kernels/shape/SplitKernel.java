package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.simd.Parallel;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

import java.util.Arrays;

/// `Split` (versions 1, 2, 11, 13, 18), any element type: cuts the input along `axis` into the node's outputs,
/// of the sizes in `split` (attribute before version 13, optional second input after) or else equal; with
/// `num_outputs` (version 18) the last part may be smaller.
final class SplitKernel implements Kernel {

    private final long axis;
    private final long[] splitAttribute;
    private final boolean splitFromInput;
    private final int outputs;
    private final boolean unevenLast;

    SplitKernel(NodeSpec node) {
        this.axis = node.intAttr("axis", 0);
        this.splitFromInput = node.opsetVersion() >= 13 || node.opsetVersion() == 1;
        this.splitAttribute = node.intsAttr("split", null);
        this.unevenLast = node.has("num_outputs");
        this.outputs = unevenLast ? (int) node.intAttr("num_outputs", 1) : node.outputCount();
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var x = Operands.tensor(inputs, 0, "input");
        int a = Operands.axis(axis, x.rank(), "axis");
        long dim = x.dim(a);
        var sizes = sizes(inputs, dim);
        var shape = x.shape();
        int width = Elements.width(x.type());
        long outer = 1;
        for (int d = 0; d < a; d++) {
            outer *= shape[d];
        }
        long inner = width;
        for (int d = a + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        var result = new RuntimeValue[sizes.length];
        long start = 0;
        for (int k = 0; k < sizes.length; k++) {
            shape[a] = sizes[k];
            var out = context.output(x.type(), shape);
            int row = (int) (sizes[k] * inner);
            long from = start;
            long span = inner;
            Parallel.forRows((int) outer, row, context.threads(), (first, end) -> {
                for (int o = first; o < end; o++) {
                    System.arraycopy(x.data(), (int) ((o * dim + from) * span), out.data(), o * row, row);
                }
            });
            result[k] = out;
            start += sizes[k];
        }
        return result;
    }

    private long[] sizes(RuntimeValue[] inputs, long dim) {
        long[] split = splitAttribute;
        if (splitFromInput && Operands.optional(inputs, 1, "split") != null) {
            split = Operands.longs(Operands.tensor(inputs, 1, "split"), "split");
        }
        if (split != null) {
            if (Arrays.stream(split).sum() != dim || Arrays.stream(split).anyMatch(s -> s < 0)) {
                throw new KernelException("split " + Arrays.toString(split) + " does not add up to the axis size " + dim);
            }
            return split;
        }
        long part = unevenLast ? Math.ceilDiv(dim, outputs) : dim / outputs;
        if (!unevenLast && dim % outputs != 0) {
            throw new KernelException("an axis of size " + dim + " cannot be split into " + outputs + " equal parts");
        }
        var sizes = new long[outputs];
        long left = dim;
        for (int k = 0; k < outputs; k++) {
            sizes[k] = Math.min(part, left);
            left -= sizes[k];
        }
        return sizes;
    }
}
