package dev.loupe.executor.kernels.control;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.SequenceValue;
import dev.loupe.executor.tensor.Tensor;

import java.util.ArrayList;

/// `SplitToSequence` (version 11): splits `input` along `axis` into a sequence. Without `split`, into
/// slices of size 1 (the axis dropped unless `keepdims = 1`); a scalar `split` gives chunks of that size
/// (the last may be shorter); a 1-D `split` gives chunks of the listed sizes, which must add up.
final class SplitToSequenceKernel implements Kernel {

    private final long axis;
    private final boolean keepDims;

    SplitToSequenceKernel(NodeSpec spec) {
        this.axis = spec.intAttr("axis", 0);
        this.keepDims = spec.intAttr("keepdims", 1) != 0;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var x = Args.tensor("SplitToSequence", inputs, 0, "input");
        var split = Args.optionalTensor("SplitToSequence", inputs, 1, "split");
        long a = axis < 0 ? axis + x.rank() : axis;
        if (a < 0 || a >= x.rank()) {
            throw new KernelException("SplitToSequence axis " + axis + " is out of range for " + x.describe());
        }
        int ax = (int) a;
        int n = (int) x.dim(ax);
        var parts = new ArrayList<RuntimeValue>();
        if (split == null) {
            for (int i = 0; i < n; i++) {
                parts.add(Slabs.range(x, ax, i, 1, !keepDims));
            }
        } else if (split.rank() == 0) {
            long chunk = Args.scalarLong("SplitToSequence", split, "split");
            if (chunk <= 0) {
                throw new KernelException("SplitToSequence split must be positive, got " + chunk);
            }
            for (int start = 0; start < n; start += (int) chunk) {
                parts.add(Slabs.range(x, ax, start, (int) Math.min(chunk, n - start), false));
            }
        } else {
            int start = 0;
            for (int i = 0; i < split.size(); i++) {
                int len = (int) split.getLong(i);
                if (len < 0 || start + len > n) {
                    throw new KernelException("SplitToSequence sizes " + java.util.Arrays.toString(split.longs()) + " do not fit axis of size " + n);
                }
                parts.add(Slabs.range(x, ax, start, len, false));
                start += len;
            }
            if (start != n) {
                throw new KernelException("SplitToSequence sizes add up to " + start + " but the axis has size " + n);
            }
        }
        return new RuntimeValue[] {new SequenceValue(parts, x.type())};
    }
}
