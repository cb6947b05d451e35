package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;

/// `ReverseSequence` (version 10), any element type: for each batch entry `b` (on `batch_axis`), reverses the
/// first `sequence_lens[b]` steps along `time_axis` and keeps the rest.
final class ReverseSequenceKernel extends SingleOutputKernel {

    private final long batchAxis;
    private final long timeAxis;

    ReverseSequenceKernel(NodeSpec node) {
        this.batchAxis = node.intAttr("batch_axis", 1);
        this.timeAxis = node.intAttr("time_axis", 0);
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var x = Operands.tensor(inputs, 0, "input");
        var lens = Operands.longs(Operands.tensor(inputs, 1, "sequence_lens"), "sequence_lens");
        int b = Operands.axis(batchAxis, x.rank(), "batch_axis");
        int t = Operands.axis(timeAxis, x.rank(), "time_axis");
        var shape = x.shape();
        if (b == t || lens.length != shape[b]) {
            throw new KernelException("sequence_lens must have one entry per batch entry of " + x.describe()
                    + " on distinct batch and time axes");
        }
        var strides = Shapes.strides(shape);
        var source = new int[x.size()];
        var coord = new long[shape.length];
        for (int p = 0; p < source.length; p++) {
            long len = lens[(int) coord[b]];
            if (len < 0 || len > shape[t]) {
                throw new KernelException("sequence length " + len + " is out of range for a time axis of " + shape[t]);
            }
            long step = coord[t];
            source[p] = step < len ? (int) (p + (len - 1 - 2 * step) * strides[t]) : p;
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++coord[d] < shape[d]) {
                    break;
                }
                coord[d] = 0;
            }
        }
        return Elements.take(x, shape, source);
    }
}
