package dev.loupe.executor.session;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.simd.Sgemm;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// A `MatMul` step of a [ExecutionMode#FAST] plan whose operands come through [ViewChain]s, or whose result
/// goes through one: it reads the operand chains' roots in place (`Sgemm` takes strided operands, one offset
/// per batch) and writes each product straight to where the result chain would move it, so the transposes
/// and splits around it copy nothing. Its inputs are the roots (or the operand itself for a slot without a
/// chain), its output the result chain's.
///
/// It computes what the `MatMul` node and the nodes of the chains compute: float32 operands of rank 2 or
/// more with the leading axes broadcast as batches. Anything else (other types, a vector operand, shapes the
/// product rejects, a chain that is not a layout for this shape, a result chain that does not keep each
/// product row's elements next to each other) runs the chains' kernels and the node's own kernel, which also
/// report any error.
final class ViewedMatMulKernel implements Kernel {

    private final Kernel matMul;
    /// The chain for each of the two slots, or `null` where the slot reads its value directly.
    private final ViewChain[] chains;
    /// The chain the result goes through, or `null`.
    private final ViewChain result;
    /// Each batch's start in `A`, `B` and `C`, kept from run to run while the batch count stays the same.
    private int[] aOffsets = new int[0];
    private int[] bOffsets = new int[0];
    private int[] cOffsets = new int[0];

    ViewedMatMulKernel(Kernel matMul, ViewChain a, ViewChain b, ViewChain result) {
        this.matMul = matMul;
        this.chains = new ViewChain[] {a, b};
        this.result = result;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var roots = new Tensor[2];
        var layouts = new StridedLayout[2];
        boolean strided = true;
        for (int slot = 0; slot < 2; slot++) {
            if (!(slot < inputs.length && inputs[slot] instanceof Tensor t)) {
                throw new KernelException("MatMul needs two tensor inputs");
            }
            roots[slot] = t;
            layouts[slot] = t.type() != ElementType.FLOAT ? null
                    : chains[slot] == null ? StridedLayout.contiguous(t.shape()) : chains[slot].layout(t.shape(), context);
            strided &= layouts[slot] != null;
        }
        var product = strided ? multiply(roots[0].floats(), layouts[0], roots[1].floats(), layouts[1], context) : null;
        if (product != null) {
            return new RuntimeValue[] {product};
        }
        var operands = new RuntimeValue[2];
        for (int slot = 0; slot < 2; slot++) {
            operands[slot] = chains[slot] == null ? roots[slot] : chains[slot].apply(roots[slot], context);
        }
        var outputs = matMul.run(operands, context);
        if (result == null || outputs == null || outputs.length == 0 || !(outputs[0] instanceof Tensor t)) {
            return outputs;
        }
        return new RuntimeValue[] {result.apply(t, context)};
    }

    /// The product of the operands laid out as `la` in `a` and `lb` in `b`, or `null` when it is not one
    /// of matrices with broadcast batches (left to the node's kernel).
    private Tensor multiply(float[] a, StridedLayout la, float[] b, StridedLayout lb, KernelContext context) {
        int ra = la.rank();
        int rb = lb.rank();
        if (ra < 2 || rb < 2 || la.shape()[ra - 1] != lb.shape()[rb - 2]) {
            return null;
        }
        int batchRank = Math.max(ra, rb) - 2;
        var outShape = new long[batchRank + 2];
        var aStrides = new int[batchRank];
        var bStrides = new int[batchRank];
        for (int d = 0; d < batchRank; d++) {
            int da = d - (batchRank - (ra - 2));
            int db = d - (batchRank - (rb - 2));
            long na = da < 0 ? 1 : la.shape()[da];
            long nb = db < 0 ? 1 : lb.shape()[db];
            if (na != nb && na != 1 && nb != 1) {
                return null;
            }
            outShape[d] = Math.max(na, nb);
            aStrides[d] = na == 1 ? 0 : la.strides()[da];
            bStrides[d] = nb == 1 ? 0 : lb.strides()[db];
        }
        int m = (int) la.shape()[ra - 2];
        int k = (int) la.shape()[ra - 1];
        int n = (int) lb.shape()[rb - 1];
        outShape[batchRank] = m;
        outShape[batchRank + 1] = n;
        long batches = 1;
        for (int d = 0; d < batchRank; d++) {
            batches *= outShape[d];
        }
        if (batches * m * n == 0 || k == 0) {
            return null;
        }
        var placement = result == null ? null : result.placement(outShape, context);
        if (result != null && (placement == null || (n > 1 && placement.layout().strides()[batchRank + 1] != 1))) {
            return null;
        }
        var out = context.output(ElementType.FLOAT, placement == null ? outShape : placement.shape());
        var cLayout = placement == null ? StridedLayout.contiguous(outShape) : placement.layout();
        batchOffsets((int) batches, outShape, la.offset(), aStrides, lb.offset(), bStrides, cLayout);
        context.checkCancelled();
        Sgemm.multiplyBatches((int) batches, m, n, k, a, aOffsets, la.strides()[ra - 2], la.strides()[ra - 1],
                b, bOffsets, lb.strides()[rb - 2], lb.strides()[rb - 1], out.floats(), cOffsets,
                m == 1 ? n : cLayout.strides()[batchRank], context.threads());
        return out;
    }

    /// Fills [#aOffsets], [#bOffsets] and [#cOffsets] with each batch's start, the batches in row-major order
    /// over the first axes of `outShape`; `c` is where the products go.
    private void batchOffsets(int batches, long[] outShape, int aStart, int[] aStrides, int bStart, int[] bStrides,
                              StridedLayout c) {
        if (aOffsets.length != batches) {
            aOffsets = new int[batches];
            bOffsets = new int[batches];
            cOffsets = new int[batches];
        }
        int rank = aStrides.length;
        var index = new long[rank];
        int ao = aStart;
        int bo = bStart;
        int co = c.offset();
        for (int i = 0; i < batches; i++) {
            aOffsets[i] = ao;
            bOffsets[i] = bo;
            cOffsets[i] = co;
            for (int d = rank - 1; d >= 0; d--) {
                if (++index[d] < outShape[d]) {
                    ao += aStrides[d];
                    bo += bStrides[d];
                    co += c.strides()[d];
                    break;
                }
                ao -= (int) (outShape[d] - 1) * aStrides[d];
                bo -= (int) (outShape[d] - 1) * bStrides[d];
                co -= (int) (outShape[d] - 1) * c.strides()[d];
                index[d] = 0;
            }
        }
    }
}
