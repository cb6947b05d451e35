package dev.loupe.executor.session;

import dev.loupe.executor.kernel.ElementwiseKernel;
import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.simd.Parallel;
import dev.loupe.executor.simd.VectorLoops;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.List;

/// Elementwise nodes that together map one float32 tensor `x` to one result, element by element (a GELU
/// written out as `Div`, `Erf`, `Add`, `Mul`, `Mul`): the fast plan's single step or epilogue for all of them
/// ([ElementwiseRegions]). The tensor is cut into blocks of [#BLOCK] elements and each block goes through every
/// node while it is in the core's first-level cache, where the nodes one by one would each read and write the
/// whole tensor. Each node computes what its kernel computes (the unary ones through their own
/// [ElementwiseKernel#floats], the arithmetic ones through [VectorLoops#binary], as their kernels do), so the
/// result is the nodes' own, up to where a vector loop's scalar tail falls.
///
/// Nodes read `x`, earlier nodes' results and float32 constants of one element. Where `x` is not float32, or
/// a constant has more axes than `x` (the result would have another shape), the nodes' own kernels run one
/// by one instead.
final class ElementwiseRegion implements Kernel, Epilogue {

    /// Elements per block: 4 KB per value, so the ten values of a tanh GELU stay within a 48 KB L1. (Against
    /// the nodes one by one, the encoder and decoder at two threads gained 1-2% with blocks of 256, where each
    /// node's call costs more per element, and 2-3% with 1,024 or 4,096.)
    static final int BLOCK = 1024;

    /// Where an operand comes from: `x` ([#X]), node `i`'s result (`i >= 0`), or a constant ([#CONSTANT]).
    static final int X = -1;
    static final int CONSTANT = -2;

    /// One node: its kernel, and per input slot the source ([#X], an earlier node, or [#CONSTANT]) and the
    /// constant's value; `unary` is the kernel as an [ElementwiseKernel] for a unary node, `binary` the
    /// operator of an arithmetic one.
    record Op(Kernel kernel, ElementwiseKernel unary, VectorLoops.Binary binary, int[] sources, Tensor[] constants) {
    }

    /// Each thread's blocks of values, shared by all regions (a thread runs one region's block at a time) and
    /// grown to the most values a region on it has needed.
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[0][]);

    private final Op[] ops;
    private final int constantRank;

    ElementwiseRegion(List<Op> ops) {
        this.ops = ops.toArray(Op[]::new);
        int rank = 0;
        for (var op : this.ops) {
            for (var c : op.constants()) {
                rank = c == null ? rank : Math.max(rank, c.rank());
            }
        }
        this.constantRank = rank;
    }

    /// This thread's blocks for the region's values: one per node and one for `x` (the last).
    private float[][] scratch() {
        var values = SCRATCH.get();
        if (values.length < ops.length + 1) {
            values = new float[ops.length + 1][BLOCK];
            SCRATCH.set(values);
        }
        return values;
    }

    /// Whether the region computes `x` block by block (otherwise its nodes' kernels run).
    private boolean blockwise(RuntimeValue x) {
        return x instanceof Tensor t && t.type() == ElementType.FLOAT && t.rank() >= constantRank;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var x = inputs.length == 0 ? null : inputs[0];
        if (!blockwise(x)) {
            return new RuntimeValue[] {nodeByNode(x, context)};
        }
        var in = (Tensor) x;
        var out = context.output(ElementType.FLOAT, in.shape());
        var o = out.floats();
        Parallel.forElements(in.size(), context.threads(), (from, to) -> blocks(in.floats(), o, from, to));
        return new RuntimeValue[] {out};
    }

    @Override
    public int granule(Tensor y, RuntimeValue[] inputs) {
        return blockwise(y) ? 1 : 0;
    }

    @Override
    public void apply(Tensor y, RuntimeValue[] inputs, int from, int to) {
        blocks(y.floats(), y.floats(), from, to);
    }

    /// The region's result for `x[from, to)` into `out[from, to)` (`out` may be `x`).
    private void blocks(float[] x, float[] out, int from, int to) {
        var values = scratch();
        var input = values[ops.length];
        for (int b0 = from; b0 < to; b0 += BLOCK) {
            int n = Math.min(BLOCK, to - b0);
            System.arraycopy(x, b0, input, 0, n);
            for (int i = 0; i < ops.length; i++) {
                var op = ops[i];
                var result = values[i];
                if (op.unary() != null) {
                    op.unary().floats(source(values, op.sources()[0], input), result, 0, n);
                } else {
                    int[] sources = op.sources();
                    VectorLoops.binary(op.binary(), operand(values, op, 0, input), 0, sources[0] == CONSTANT ? 0 : 1,
                            operand(values, op, 1, input), 0, sources[1] == CONSTANT ? 0 : 1, result, 0, n);
                }
            }
            System.arraycopy(values[ops.length - 1], 0, out, b0, n);
        }
    }

    private static float[] source(float[][] values, int source, float[] input) {
        return source == X ? input : values[source];
    }

    /// Operand `slot` of `op` for a block: a block of values, or a constant's one element.
    private static float[] operand(float[][] values, Op op, int slot, float[] input) {
        int source = op.sources()[slot];
        return source == CONSTANT ? op.constants()[slot].floats() : source(values, source, input);
    }

    /// The nodes' kernels one by one on `x` (any type).
    private RuntimeValue nodeByNode(RuntimeValue x, KernelContext context) {
        var results = new RuntimeValue[ops.length];
        for (int i = 0; i < ops.length; i++) {
            var op = ops[i];
            var in = new RuntimeValue[op.sources().length];
            for (int slot = 0; slot < in.length; slot++) {
                int source = op.sources()[slot];
                in[slot] = source == X ? x : source == CONSTANT ? op.constants()[slot] : results[source];
            }
            var out = op.kernel().run(in, context);
            if (out == null || out.length == 0 || out[0] == null) {
                throw new KernelException("a fused elementwise node returned no value");
            }
            results[i] = out[0];
        }
        return results[ops.length - 1];
    }
}
