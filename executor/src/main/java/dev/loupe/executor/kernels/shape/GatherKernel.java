package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;

/// `Gather` (versions 1, 11, 13), any element type, int32 or int64 indices (negative from version 11): picks
/// slices of `data` along `axis`; the output shape is `data[:axis] + indices + data[axis+1:]`.
final class GatherKernel implements Kernel {

    private final long axis;

    GatherKernel(NodeSpec node) {
        this.axis = node.intAttr("axis", 0);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var data = Operands.tensor(inputs, 0, "data");
        var indicesTensor = Operands.tensor(inputs, 1, "indices");
        var indices = Operands.longs(indicesTensor, "indices");
        int a = Operands.axis(axis, data.rank(), "axis");
        var shape = data.shape();
        long dim = shape[a];
        long outer = 1;
        for (int d = 0; d < a; d++) {
            outer *= shape[d];
        }
        long inner = 1;
        for (int d = a + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        var outShape = new long[shape.length - 1 + indicesTensor.rank()];
        System.arraycopy(shape, 0, outShape, 0, a);
        System.arraycopy(indicesTensor.shape(), 0, outShape, a, indicesTensor.rank());
        System.arraycopy(shape, a + 1, outShape, a + indicesTensor.rank(), shape.length - a - 1);
        Operands.checkOutputSize(data.type(), outShape);
        var out = context.output(data.type(), outShape);
        int block = Math.toIntExact(inner * Elements.width(data.type()));
        int at = 0;
        for (long o = 0; o < outer; o++) {
            for (long idx : indices) {
                long k = checkedIndex(idx, dim);
                System.arraycopy(data.data(), Math.toIntExact((o * dim + k) * block), out.data(), at, block);
                at += block;
            }
        }
        return new RuntimeValue[] {out};
    }

    /// `idx` made non-negative, failing when it lies outside `[-dim, dim)`.
    static long checkedIndex(long idx, long dim) {
        long k = idx < 0 ? idx + dim : idx;
        if (k < 0 || k >= dim) {
            throw new KernelException("index " + idx + " is out of range for an axis of size " + dim);
        }
        return k;
    }
}
