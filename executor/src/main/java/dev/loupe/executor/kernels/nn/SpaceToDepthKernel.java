package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Elements;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.EnumSet;

/// `SpaceToDepth` (versions 1, 13), any element type, 4-D: moves each `blocksize x blocksize` spatial block
/// into channels, the inverse of `DepthToSpace` in DCR mode.
final class SpaceToDepthKernel extends NnKernel {

    private final long block;

    SpaceToDepthKernel(NodeSpec node) {
        super("input", EnumSet.complementOf(EnumSet.of(ElementType.UNDEFINED)), 4);
        this.block = node.intAttr("blocksize", 0);
        if (block < 1) {
            throw new KernelException("attribute 'blocksize' must be a positive int, got " + block);
        }
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        long n = x.dim(0);
        long c = x.dim(1);
        long h = x.dim(2);
        long w = x.dim(3);
        if (x.rank() != 4 || h % block != 0 || w % block != 0) {
            throw new KernelException("input must be 4-D with height and width divisible by " + block + ", got " + x.describe());
        }
        var moved = Elements.permute(x.reshape(n, c, h / block, block, w / block, block), new int[] {0, 3, 5, 1, 2, 4});
        return new RuntimeValue[] {moved.reshape(n, c * block * block, h / block, w / block)};
    }
}
