package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// `TopK` (versions 1, 10, 11), numeric types: the `k` largest (or, with `largest = 0` from version 11,
/// smallest) elements along `axis` and their int64 indices. `k` is an attribute in version 1 and an input
/// after. Results are in sorted order; equal elements come in index order. NaN counts as the largest value.
final class TopKKernel implements Kernel {

    private final long axis;
    private final boolean largest;
    private final long kAttribute;

    TopKKernel(NodeSpec node) {
        this.axis = node.intAttr("axis", -1);
        this.largest = node.intAttr("largest", 1) != 0;
        if (node.opsetVersion() < 10) {
            node.required("k");
        }
        this.kAttribute = node.opsetVersion() < 10 ? node.intAttr("k", -1) : -1;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var x = Operands.tensor(inputs, 0, "X");
        if (x.type() == ElementType.STRING || x.type() == ElementType.BOOL) {
            throw KernelException.unsupportedType("X", x.type());
        }
        long k = kAttribute >= 0 ? kAttribute : Operands.longs(Operands.tensor(inputs, 1, "K"), "K")[0];
        int a = Operands.axis(axis, x.rank(), "axis");
        var shape = x.shape();
        int dim = (int) shape[a];
        if (k < 0 || k > dim) {
            throw new KernelException("k = " + k + " is out of range for axis " + a + " of " + x.describe());
        }
        int outer = 1;
        for (int d = 0; d < a; d++) {
            outer *= (int) shape[d];
        }
        int inner = 1;
        for (int d = a + 1; d < shape.length; d++) {
            inner *= (int) shape[d];
        }
        IndexSort.Order lane = order(x);
        var outShape = shape.clone();
        outShape[a] = k;
        int kk = (int) k;
        var source = new int[outer * kk * inner];
        var indices = new long[source.length];
        var positions = new int[dim];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * dim * inner + i;
                for (int j = 0; j < dim; j++) {
                    positions[j] = base + j * inner;
                }
                IndexSort.sort(positions, lane);
                for (int r = 0; r < kk; r++) {
                    int out = (o * kk + r) * inner + i;
                    source[out] = positions[r];
                    indices[out] = (positions[r] - base) / inner;
                }
            }
        }
        return new RuntimeValue[] {Elements.take(x, outShape, source), Tensor.ofLongs(outShape, indices)};
    }

    /// Comparison of two flat positions of `x`, best first, ties by position.
    private IndexSort.Order order(Tensor x) {
        int sign = largest ? -1 : 1;
        if (x.type().isInteger() && x.type() != ElementType.UINT64) {
            var v = Numbers.toLongs(x);
            return (p, q) -> sign * Long.compare(v[p], v[q]);
        }
        var v = Numbers.toDoubles(x);
        return (p, q) -> sign * IndexSort.compare(v[p], v[q]);
    }
}
