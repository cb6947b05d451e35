package dev.loupe.executor.session;

import dev.loupe.executor.simd.Selection;
import dev.loupe.executor.simd.VectorLoops;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;

/// A node fused into the step before it ([FusedKernel]): applied in place to that step's float32 output `y`,
/// with the same float arithmetic as the node's own kernel, when the types and shapes allow; otherwise the
/// node's kernel runs as usual. Every element's result depends on that element alone (and on the node's
/// other inputs), so the application may be cut into ranges, run on several threads, and interleaved with
/// the following epilogues range by range.
sealed interface Epilogue permits Epilogue.Relu, Epilogue.LeakyRelu, Epilogue.Clip, Epilogue.Binary, Epilogue.Select,
        Epilogue.Softmax, Epilogue.LayerNorm, ElementwiseRegion {

    /// What the ranges of [#apply] must be multiples of for this node on `y` with `inputs` (the node's inputs,
    /// `y` in its slot): 1, or the size of `y`'s last axes when the node works on rows or repeats an operand
    /// over them (a row of biases, a mask); 0 when the node cannot be applied in place.
    int granule(Tensor y, RuntimeValue[] inputs);

    /// Applies the node in place to `y[from, to)`, a range of whole granules, for inputs it has a granule for.
    void apply(Tensor y, RuntimeValue[] inputs, int from, int to);

    /// The node as `Clip` bounds `{lo, hi}` that a [dev.loupe.executor.kernel.ClampingKernel] can apply while
    /// writing `y`, or `null` when it is not such a bound (or its bounds are not known from `inputs`).
    default float[] bounds(RuntimeValue[] inputs) {
        return null;
    }

    /// `Relu`.
    record Relu() implements Epilogue {
        @Override
        public int granule(Tensor y, RuntimeValue[] inputs) {
            return 1;
        }

        @Override
        public void apply(Tensor y, RuntimeValue[] inputs, int from, int to) {
            VectorLoops.relu(y.floats(), y.floats(), from, to);
        }

        @Override
        public float[] bounds(RuntimeValue[] inputs) {
            return new float[] {0f, Float.POSITIVE_INFINITY};
        }
    }

    /// `LeakyRelu` with its `alpha`.
    record LeakyRelu(float alpha) implements Epilogue {
        @Override
        public int granule(Tensor y, RuntimeValue[] inputs) {
            return 1;
        }

        @Override
        public void apply(Tensor y, RuntimeValue[] inputs, int from, int to) {
            VectorLoops.leakyRelu(y.floats(), alpha, y.floats(), from, to);
        }
    }

    /// `Clip`: bounds from inputs 1 and 2 (`boundsAsInputs`, version 11 on) or from the attributes.
    record Clip(boolean boundsAsInputs, float minAttr, float maxAttr) implements Epilogue {
        @Override
        public int granule(Tensor y, RuntimeValue[] inputs) {
            return bounds(inputs) == null ? 0 : 1;
        }

        @Override
        public void apply(Tensor y, RuntimeValue[] inputs, int from, int to) {
            var bounds = bounds(inputs);
            VectorLoops.clip(y.floats(), bounds[0], bounds[1], y.floats(), from, to);
        }

        @Override
        public float[] bounds(RuntimeValue[] inputs) {
            if (!boundsAsInputs) {
                return new float[] {minAttr, maxAttr};
            }
            var min = bound(inputs, 1);
            var max = bound(inputs, 2);
            if (min == null || max == null) {
                return null;
            }
            return new float[] {min.length == 0 ? Float.NEGATIVE_INFINITY : min[0], max.length == 0 ? Float.POSITIVE_INFINITY : max[0]};
        }

        /// The bound in slot `i` (empty when absent), or `null` when it is not one float32 value.
        private static float[] bound(RuntimeValue[] inputs, int i) {
            if (i >= inputs.length || inputs[i] == null) {
                return new float[0];
            }
            return inputs[i] instanceof Tensor t && t.type() == ElementType.FLOAT && t.size() == 1 ? t.floats() : null;
        }
    }

    /// `Add`, `Sub`, `Mul` or `Div` with `y` in slot `ySlot` (always 0 for `Sub` and `Div`) and another
    /// float32 operand of `y`'s shape, of one element, or of one row (`[..., 1, n]` against `y`'s last axis
    /// `n`): shapes whose broadcast is `y`'s own shape. Add and multiply are commutative in IEEE arithmetic,
    /// so either slot gives the node's exact result.
    record Binary(VectorLoops.Binary op, int ySlot) implements Epilogue {
        @Override
        public int granule(Tensor y, RuntimeValue[] inputs) {
            if (inputs.length != 2 || !(inputs[1 - ySlot] instanceof Tensor r) || r.type() != ElementType.FLOAT
                    || r.rank() > y.rank()) {
                return 0;
            }
            if ((r.size() == y.size() && sameShape(y, r)) || r.size() == 1) {
                return 1;
            }
            int row = y.rank() == 0 ? 1 : (int) y.dim(y.rank() - 1);
            return r.rank() > 0 && r.dim(r.rank() - 1) == row && r.size() == row && row > 0 ? row : 0;
        }

        @Override
        public void apply(Tensor y, RuntimeValue[] inputs, int from, int to) {
            var r = (Tensor) inputs[1 - ySlot];
            var o = y.floats();
            var b = r.floats();
            if (r.size() == o.length && sameShape(y, r)) {
                VectorLoops.binary(op, o, from, 1, b, from, 1, o, from, to - from);
            } else if (r.size() == 1) {
                VectorLoops.binary(op, o, from, 1, b, 0, 0, o, from, to - from);
            } else {
                int row = r.size();
                for (int i = from; i < to; i += row) {
                    VectorLoops.binary(op, o, i, 1, b, 0, 1, o, i, row);
                }
            }
        }

        /// Whether `r`'s axes are `y`'s last ones (so `r` of `y`'s size and no higher rank broadcasts to `y`'s
        /// shape as it is).
        static boolean sameShape(Tensor y, Tensor r) {
            int lead = y.rank() - r.rank();
            for (int i = 0; i < r.rank(); i++) {
                if (y.dim(lead + i) != r.dim(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    /// `Where` with `y` in value slot `ySlot` (1 or 2): the condition a bool tensor of one element or of `y`'s
    /// last axes (a mask repeated over the leading ones, as a causal mask over attention heads), the other
    /// value float32 of one element or of `y`'s shape. Selection copies values, so the result is the node's.
    record Select(int ySlot) implements Epilogue {
        @Override
        public int granule(Tensor y, RuntimeValue[] inputs) {
            if (inputs.length != 3 || !(inputs[0] instanceof Tensor c) || c.type() != ElementType.BOOL || c.rank() > y.rank()
                    || !(inputs[3 - ySlot] instanceof Tensor v) || v.type() != ElementType.FLOAT || v.rank() > y.rank()
                    || !(v.size() == 1 || v.size() == y.size() && Binary.sameShape(y, v))) {
                return 0;
            }
            if (c.size() == 1) {
                return 1;
            }
            return Binary.sameShape(y, c) && c.size() > 0 && y.size() % c.size() == 0 ? c.size() : 0;
        }

        @Override
        public void apply(Tensor y, RuntimeValue[] inputs, int from, int to) {
            var c = (Tensor) inputs[0];
            var v = (Tensor) inputs[3 - ySlot];
            var o = y.floats();
            int cs = c.size() == 1 ? 0 : 1;
            int vs = v.size() == 1 ? 0 : 1;
            int run = cs == 0 ? to - from : c.size();
            for (int i = from; i < to; i += run) {
                int vi = vs * i;
                if (ySlot == 1) {
                    Selection.select(c.bytes(), 0, cs, o, i, 1, v.floats(), vi, vs, o, i, run);
                } else {
                    Selection.select(c.bytes(), 0, cs, v.floats(), vi, vs, o, i, 1, o, i, run);
                }
            }
        }
    }

    /// `Softmax` over the last axis (`axis` as the node has it, before version 13 the axis the input is
    /// flattened at): row by row with the kernel's own row loop ([VectorLoops#softmax]), in place.
    record Softmax(long axis) implements Epilogue {
        @Override
        public int granule(Tensor y, RuntimeValue[] inputs) {
            int rank = y.rank();
            long a = axis < 0 ? axis + rank : axis;
            return rank > 0 && a == rank - 1 && y.dim(rank - 1) > 0 ? (int) y.dim(rank - 1) : 0;
        }

        @Override
        public void apply(Tensor y, RuntimeValue[] inputs, int from, int to) {
            var o = y.floats();
            int n = (int) y.dim(y.rank() - 1);
            for (int row = from; row < to; row += n) {
                VectorLoops.softmax(o, row, n, o, row);
            }
        }
    }

    /// `LayerNormalization` with only its `Y` output and float statistics, over the axes from `axis`: row by row
    /// with the kernel's own row loops ([VectorLoops#mean], [VectorLoops#inverseDeviation],
    /// [VectorLoops#normalize]), in place, when `Scale` and `B` are float32 of exactly the normalized axes' shape
    /// (others the kernel broadcasts first).
    record LayerNorm(long axis, double epsilon) implements Epilogue {
        @Override
        public int granule(Tensor y, RuntimeValue[] inputs) {
            int rank = y.rank();
            long a = axis < 0 ? axis + rank : axis;
            if (a < 0 || a >= rank || inputs.length < 2) {
                return 0;
            }
            var normalized = Arrays.copyOfRange(y.shape(), (int) a, rank);
            for (int slot = 1; slot < inputs.length; slot++) {
                if (inputs[slot] != null && !(inputs[slot] instanceof Tensor t && t.type() == ElementType.FLOAT
                        && Arrays.equals(t.shape(), normalized))) {
                    return 0;
                }
            }
            long size = 1;
            for (long d : normalized) {
                size *= d;
            }
            return inputs[1] != null && size > 0 && size <= Integer.MAX_VALUE ? (int) size : 0;
        }

        @Override
        public void apply(Tensor y, RuntimeValue[] inputs, int from, int to) {
            var o = y.floats();
            var scale = ((Tensor) inputs[1]).floats();
            var bias = inputs.length > 2 && inputs[2] != null ? ((Tensor) inputs[2]).floats() : null;
            int n = scale.length;
            for (int row = from; row < to; row += n) {
                float mean = VectorLoops.mean(o, row, n);
                VectorLoops.normalize(o, row, n, mean, VectorLoops.inverseDeviation(o, row, n, mean, epsilon), scale, bias, o);
            }
        }
    }
}
