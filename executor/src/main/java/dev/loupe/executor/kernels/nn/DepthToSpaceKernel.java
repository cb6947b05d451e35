package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Elements;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.EnumSet;

/// `DepthToSpace` (versions 1, 11, 13), any element type, 4-D: moves `blocksize x blocksize` groups of
/// channels into spatial blocks, the channels read depth-column-row (`mode = DCR`, the default) or
/// column-row-depth (`CRD`, version 11).
final class DepthToSpaceKernel extends NnKernel {

    private final long block;
    private final boolean crd;

    DepthToSpaceKernel(NodeSpec node) {
        super("input", EnumSet.complementOf(EnumSet.of(ElementType.UNDEFINED)), 4);
        this.block = node.intAttr("blocksize", 0);
        if (block < 1) {
            throw new KernelException("attribute 'blocksize' must be a positive int, got " + block);
        }
        this.crd = node.stringAttr("mode", "DCR").equals("CRD");
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        long n = x.dim(0);
        long c = x.dim(1);
        long h = x.dim(2);
        long w = x.dim(3);
        if (x.rank() != 4 || c % (block * block) != 0) {
            throw new KernelException("input must be 4-D with channels divisible by " + block * block + ", got " + x.describe());
        }
        long depth = c / (block * block);
        var moved = crd
                ? Elements.permute(x.reshape(n, depth, block, block, h, w), new int[] {0, 1, 4, 2, 5, 3})
                : Elements.permute(x.reshape(n, block, block, depth, h, w), new int[] {0, 3, 4, 1, 5, 2});
        return new RuntimeValue[] {moved.reshape(n, depth, h * block, w * block)};
    }
}
