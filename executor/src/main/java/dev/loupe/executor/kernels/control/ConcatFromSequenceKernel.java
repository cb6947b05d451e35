package dev.loupe.executor.kernels.control;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

import java.util.ArrayList;

/// `ConcatFromSequence` (version 11): joins a sequence's tensors along `axis`, or stacks them along a new
/// axis at `axis` when `new_axis = 1` (then `axis` may also be the new last position).
final class ConcatFromSequenceKernel implements Kernel {

    private final long axis;
    private final boolean newAxis;

    ConcatFromSequenceKernel(NodeSpec spec) {
        this.axis = spec.intAttr("axis", Long.MIN_VALUE);
        if (axis == Long.MIN_VALUE) {
            throw new KernelException("required attribute 'axis' is missing");
        }
        this.newAxis = spec.intAttr("new_axis", 0) != 0;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var seq = Args.sequence("ConcatFromSequence", inputs, 0, "input_sequence");
        if (seq.elements().isEmpty()) {
            throw new KernelException("ConcatFromSequence needs a non-empty sequence");
        }
        var parts = new ArrayList<Tensor>();
        for (var e : seq.elements()) {
            if (!(e instanceof Tensor t)) {
                throw new KernelException("ConcatFromSequence needs a sequence of tensors, found " + e.describe());
            }
            parts.add(t);
        }
        int rank = parts.getFirst().rank() + (newAxis ? 1 : 0);
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new KernelException("ConcatFromSequence axis " + axis + " is out of range for rank " + rank);
        }
        var out = newAxis ? Slabs.stack(parts, (int) a, "ConcatFromSequence") : Slabs.concat(parts, (int) a, "ConcatFromSequence");
        return new RuntimeValue[] {out};
    }
}
