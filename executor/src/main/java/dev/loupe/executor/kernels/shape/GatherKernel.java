package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.ConstantInput;
import dev.loupe.executor.kernel.ConstantTakingKernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/// `Gather` (versions 1, 11, 13), any element type, int32 or int64 indices (negative from version 11): picks
/// slices of `data` along `axis`; the output shape is `data[:axis] + indices + data[axis+1:]`.
///
/// A float32 `data` initializer (an embedding table) is taken when a fast plan is made
/// ([ConstantTakingKernel]) and its slices are copied from where the model stores it, the mapped model file
/// for a model read from one, so the table never sits in the heap.
final class GatherKernel implements ConstantTakingKernel {

    private static final ValueLayout.OfFloat FLOAT_LE =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final long axis;
    /// A float32 table taken at planning time, as stored, and its shape; `null` when none was taken.
    private MemorySegment table;
    private long[] tableShape;

    GatherKernel(NodeSpec node) {
        this.axis = node.intAttr("axis", 0);
    }

    @Override
    public boolean take(int slot, ConstantInput value) {
        var bytes = value.storedBytes();
        if (slot != 0 || value.type() != ElementType.FLOAT || value.shape().length == 0 || bytes.isEmpty()) {
            return false;
        }
        table = bytes.get();
        tableShape = value.shape();
        return true;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        boolean useTable = table != null && inputs.length > 0 && inputs[0] == null;
        var data = useTable ? null : Operands.tensor(inputs, 0, "data");
        var type = useTable ? ElementType.FLOAT : data.type();
        var shape = useTable ? tableShape : data.shape();
        var indicesTensor = Operands.tensor(inputs, 1, "indices");
        var indices = Operands.longs(indicesTensor, "indices");
        int a = Operands.axis(axis, shape.length, "axis");
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
        Operands.checkOutputSize(type, outShape);
        var out = context.output(type, outShape);
        if (useTable) {
            fromTable(indices, outer, dim, Math.toIntExact(inner), out);
            return new RuntimeValue[] {out};
        }
        int block = Math.toIntExact(inner * Elements.width(type));
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

    /// The slices of the taken table: `outer` runs of the `indices` rows of `inner` floats each.
    private void fromTable(long[] indices, long outer, long dim, int inner, Tensor out) {
        var o = out.floats();
        int at = 0;
        for (long r = 0; r < outer; r++) {
            for (long idx : indices) {
                long k = checkedIndex(idx, dim);
                MemorySegment.copy(table, FLOAT_LE, (r * dim + k) * inner * Float.BYTES, o, at, inner);
                at += inner;
            }
        }
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
