package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `Unique` (version 11), any element type: the distinct elements of the flattened input, or with `axis` the
/// distinct slices along it, in ascending (lexicographic) order or, with `sorted = 0`, in order of first
/// occurrence. Also returns each one's first index, the inverse mapping and the counts (all int64).
final class UniqueKernel implements Kernel {

    private final Long axis;
    private final boolean sorted;

    UniqueKernel(NodeSpec node) {
        this.axis = node.has("axis") ? node.intAttr("axis", 0) : null;
        this.sorted = node.intAttr("sorted", 1) != 0;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var x = Operands.tensor(inputs, 0, "X");
        var shape = axis == null ? new long[] {x.size()} : x.shape();
        int a = axis == null ? 0 : Operands.axis(axis, x.rank(), "axis");
        int items = (int) shape[a];
        int inner = 1;
        for (int d = a + 1; d < shape.length; d++) {
            inner *= (int) shape[d];
        }
        int outer = items == 0 ? 0 : x.size() / (items * inner);
        var order = sliceOrder(x, items, outer, inner);
        var byValue = IndexSort.sorted(items, order);

        // Runs of equal items in value order are the groups; a run's first member is its first occurrence.
        var groupOf = new int[items];
        var firsts = new int[items];
        var counts = new long[items];
        int groups = 0;
        for (int r = 0; r < items; r++) {
            if (r == 0 || order.compare(byValue[r - 1], byValue[r]) != 0) {
                firsts[groups++] = byValue[r];
            }
            groupOf[byValue[r]] = groups - 1;
            counts[groups - 1]++;
        }
        var rank = new int[groups];
        var emitted = IndexSort.sorted(groups, sorted ? Integer::compare : (g, h) -> Integer.compare(firsts[g], firsts[h]));
        for (int r = 0; r < groups; r++) {
            rank[emitted[r]] = r;
        }
        var indices = new long[groups];
        var outCounts = new long[groups];
        for (int r = 0; r < groups; r++) {
            indices[r] = firsts[emitted[r]];
            outCounts[r] = counts[emitted[r]];
        }
        var inverse = new long[items];
        for (int j = 0; j < items; j++) {
            inverse[j] = rank[groupOf[j]];
        }
        var outShape = shape.clone();
        outShape[a] = groups;
        var source = new int[outer * groups * inner];
        for (int o = 0, p = 0; o < outer; o++) {
            for (int r = 0; r < groups; r++) {
                int base = (int) ((o * (long) items + indices[r]) * inner);
                for (int i = 0; i < inner; i++) {
                    source[p++] = base + i;
                }
            }
        }
        var y = Elements.take(x, outShape, source);
        return new RuntimeValue[] {y, Tensor.ofLongs(new long[] {groups}, indices),
                Tensor.ofLongs(new long[] {items}, inverse), Tensor.ofLongs(new long[] {groups}, outCounts)};
    }

    /// Lexicographic comparison of two slices along the axis, element by element in row-major order.
    private static IndexSort.Order sliceOrder(Tensor x, int items, int outer, int inner) {
        var elements = elementOrder(x);
        return (p, q) -> {
            for (int o = 0; o < outer; o++) {
                int bp = (o * items + p) * inner;
                int bq = (o * items + q) * inner;
                for (int i = 0; i < inner; i++) {
                    int c = elements.compare(bp + i, bq + i);
                    if (c != 0) {
                        return c;
                    }
                }
            }
            return 0;
        };
    }

    private static IndexSort.Order elementOrder(Tensor x) {
        if (x.type() == ElementType.STRING) {
            var v = x.strings();
            return (p, q) -> v[p].compareTo(v[q]);
        }
        if (x.type().isInteger() && x.type() != ElementType.UINT64 || x.type() == ElementType.BOOL) {
            var v = Numbers.toLongs(x);
            return (p, q) -> Long.compare(v[p], v[q]);
        }
        var v = Numbers.toDoubles(x);
        return (p, q) -> IndexSort.compare(v[p], v[q]);
    }
}
