package dev.loupe.executor.session;

import dev.loupe.executor.simd.VectorLoops;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// A node fused into the step before it ([FusedKernel]): applied in place to that step's float32 output `y`,
/// with the same float arithmetic as the node's own kernel, when the types and shapes allow; otherwise the
/// node's kernel runs as usual.
sealed interface Epilogue {

    /// Applies the node to `y` in place, reading its other inputs from `inputs` (the node's inputs, `y` in
    /// its slot). Returns `false`, having changed nothing, when it cannot.
    boolean applyInPlace(Tensor y, RuntimeValue[] inputs);

    /// The node as `Clip` bounds `{lo, hi}` that a [dev.loupe.executor.kernel.ClampingKernel] can apply while
    /// writing `y`, or `null` when it is not such a bound (or its bounds are not known from `inputs`).
    default float[] bounds(RuntimeValue[] inputs) {
        return null;
    }

    /// `Relu`.
    record Relu() implements Epilogue {
        @Override
        public boolean applyInPlace(Tensor y, RuntimeValue[] inputs) {
            VectorLoops.relu(y.floats(), y.floats());
            return true;
        }

        @Override
        public float[] bounds(RuntimeValue[] inputs) {
            return new float[] {0f, Float.POSITIVE_INFINITY};
        }
    }

    /// `LeakyRelu` with its `alpha`.
    record LeakyRelu(float alpha) implements Epilogue {
        @Override
        public boolean applyInPlace(Tensor y, RuntimeValue[] inputs) {
            VectorLoops.leakyRelu(y.floats(), alpha, y.floats());
            return true;
        }
    }

    /// `Clip`: bounds from inputs 1 and 2 (`boundsAsInputs`, version 11 on) or from the attributes.
    record Clip(boolean boundsAsInputs, float minAttr, float maxAttr) implements Epilogue {
        @Override
        public boolean applyInPlace(Tensor y, RuntimeValue[] inputs) {
            var bounds = bounds(inputs);
            if (bounds == null) {
                return false;
            }
            VectorLoops.clip(y.floats(), bounds[0], bounds[1], y.floats());
            return true;
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
        public boolean applyInPlace(Tensor y, RuntimeValue[] inputs) {
            if (inputs.length != 2 || !(inputs[1 - ySlot] instanceof Tensor r) || r.type() != ElementType.FLOAT
                    || r.rank() > y.rank()) {
                return false;
            }
            var o = y.floats();
            var b = r.floats();
            int n = o.length;
            if (r.size() == n && sameShape(y, r)) {
                VectorLoops.binary(op, o, 0, 1, b, 0, 1, o, 0, n);
                return true;
            }
            if (r.size() == 1) {
                VectorLoops.binary(op, o, 0, 1, b, 0, 0, o, 0, n);
                return true;
            }
            int row = y.rank() == 0 ? 1 : (int) y.dim(y.rank() - 1);
            if (r.rank() > 0 && r.dim(r.rank() - 1) == row && r.size() == row && row > 0) {
                for (int i = 0; i < n; i += row) {
                    VectorLoops.binary(op, o, i, 1, b, 0, 1, o, i, row);
                }
                return true;
            }
            return false;
        }

        /// Whether `r` (of `y`'s size and no higher rank) broadcasts to `y`'s shape as it is.
        private static boolean sameShape(Tensor y, Tensor r) {
            int lead = y.rank() - r.rank();
            for (int i = 0; i < r.rank(); i++) {
                if (y.dim(lead + i) != r.dim(i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
