package dev.loupe.executor.kernels.control;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.List;

/// Moving whole slabs of tensors along one axis — taking one index, stacking, concatenating, splitting —
/// for any element type, by copying contiguous runs of the storage arrays (never element by element).
final class Slabs {

    private Slabs() {
    }

    /// Storage array entries per element (complex types interleave two).
    private static int width(ElementType t) {
        return t.kind() == ElementType.Kind.COMPLEX ? 2 : 1;
    }

    private static long product(long[] shape, int from, int to) {
        long p = 1;
        for (int d = from; d < to; d++) {
            p *= shape[d];
        }
        return p;
    }

    /// The slice `index` of `t` along `axis`, without that axis.
    static Tensor take(Tensor t, int axis, int index) {
        return range(t, axis, index, 1, true);
    }

    /// The slices `[start, start + length)` along `axis`; the axis is dropped when `dropAxis` (length 1 only).
    static Tensor range(Tensor t, int axis, int start, int length, boolean dropAxis) {
        var shape = t.shape();
        int w = width(t.type());
        int outer = (int) product(shape, 0, axis);
        int inner = (int) product(shape, axis + 1, shape.length) * w;
        int n = (int) shape[axis];
        var outShape = shape.clone();
        outShape[axis] = length;
        if (dropAxis) {
            outShape = remove(outShape, axis);
        }
        var out = Tensor.allocate(t.type(), outShape);
        for (int o = 0; o < outer; o++) {
            System.arraycopy(t.data(), (o * n + start) * inner, out.data(), o * length * inner, length * inner);
        }
        return out;
    }

    /// Joins `parts` (same type, same shape apart from `axis`) along `axis`.
    static Tensor concat(List<Tensor> parts, int axis, String op) {
        var first = parts.getFirst();
        var shape = first.shape();
        long total = 0;
        for (var p : parts) {
            if (p.type() != first.type() || p.rank() != first.rank()) {
                throw new KernelException(op + " cannot join " + first.describe() + " and " + p.describe());
            }
            for (int d = 0; d < shape.length; d++) {
                if (d != axis && p.dim(d) != shape[d]) {
                    throw new KernelException(op + " cannot join " + first.describe() + " and " + p.describe() + " along axis " + axis);
                }
            }
            total += p.dim(axis);
        }
        var outShape = shape.clone();
        outShape[axis] = total;
        var out = Tensor.allocate(first.type(), outShape);
        int w = width(first.type());
        int outer = (int) product(shape, 0, axis);
        int inner = (int) product(shape, axis + 1, shape.length) * w;
        int outRow = (int) total * inner;
        int offset = 0;
        for (var p : parts) {
            int chunk = (int) p.dim(axis) * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(p.data(), o * chunk, out.data(), o * outRow + offset, chunk);
            }
            offset += chunk;
        }
        return out;
    }

    /// Stacks `parts` (same type and shape) along a new axis at position `axis`.
    static Tensor stack(List<Tensor> parts, int axis, String op) {
        var withAxis = parts.stream().map(p -> p.reshape(insert(p.shape(), axis, 1))).toList();
        return concat(withAxis, axis, op);
    }

    /// An empty stack of `count` zero slices: shape `element` with 0 inserted at `axis`.
    static Tensor emptyStack(ElementType type, long[] element, int axis) {
        return Tensor.allocate(type, insert(element, axis, 0));
    }

    static long[] insert(long[] shape, int axis, long size) {
        var out = new long[shape.length + 1];
        System.arraycopy(shape, 0, out, 0, axis);
        out[axis] = size;
        System.arraycopy(shape, axis, out, axis + 1, shape.length - axis);
        return out;
    }

    static long[] remove(long[] shape, int axis) {
        var out = new long[shape.length - 1];
        System.arraycopy(shape, 0, out, 0, axis);
        System.arraycopy(shape, axis + 1, out, axis, shape.length - axis - 1);
        return out;
    }
}
