package dev.loupe.executor.kernels.math;

import dev.loupe.executor.simd.Reductions;

import java.util.ArrayList;
import java.util.Arrays;

/// The float32 walk of the `Reduce*` operators over any set of axes, on the vector kernels of [Reductions],
/// without gathering each output's elements first.
///
/// Axes of one element are dropped and neighbours of the same kind merged, so the shape becomes groups of
/// axes that alternate between kept and reduced. The input is then read once, in order, as rows of its
/// innermost group: when that group is reduced each row is one contiguous run, folded to a value and
/// combined into its output; when it is kept, each row is added element by element to the row of outputs
/// it belongs to ([Reductions#accumulate]), so a reduction over channels, say, runs along the positions.
final class FloatReduction {

    private FloatReduction() {
    }

    /// What is done with each row of the input: `innerReduced` rows are one run each, folded into the output
    /// `out`; otherwise a row's element `i` goes to output `out + i`.
    @FunctionalInterface
    interface RowAction {
        void row(int from, int length, int out, boolean innerReduced);
    }

    /// Folds the `size` elements of `x` (of `shape`) over the `reduced` axes into `out`, whose elements are
    /// the kept positions in order; `size` is at least 1.
    static void reduce(Reductions.Fold fold, float[] x, int size, long[] shape, boolean[] reduced, float[] out) {
        Arrays.fill(out, fold.identity());
        walk(size, shape, reduced, (from, length, o, innerReduced) -> {
            if (innerReduced) {
                out[o] = fold.combine(out[o], Reductions.fold(fold, x, from, length));
            } else {
                Reductions.accumulate(fold, out, o, x, from, length);
            }
        });
    }

    /// `log(Σ exp(x))` over the `reduced` axes into `out`, around each output's maximum so that nothing
    /// overflows: the maxima in a first pass, the sums of `exp(x - max)` in a second. An output whose maximum
    /// is infinite is that maximum (as in the double path), a NaN makes its output NaN.
    static void logSumExp(float[] x, int size, long[] shape, boolean[] reduced, float[] out) {
        var max = new float[out.length];
        reduce(Reductions.Fold.MAX, x, size, shape, reduced, max);
        Arrays.fill(out, 0f);
        walk(size, shape, reduced, (from, length, o, innerReduced) -> {
            if (innerReduced) {
                out[o] += Reductions.expSum(x, from, length, max[o]);
            } else {
                Reductions.accumulateExp(out, o, x, from, max, o, length);
            }
        });
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.isInfinite(max[i]) ? max[i] : max[i] + (float) Math.log(out[i]);
        }
    }

    /// Calls `action` for every row of the innermost group of axes, in input order.
    private static void walk(int size, long[] shape, boolean[] reduced, RowAction action) {
        var sizes = new ArrayList<Integer>();
        var kinds = new ArrayList<Boolean>();
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) {
                continue;
            }
            if (!kinds.isEmpty() && kinds.getLast() == reduced[d]) {
                sizes.set(sizes.size() - 1, sizes.getLast() * (int) shape[d]);
            } else {
                sizes.add((int) shape[d]);
                kinds.add(reduced[d]);
            }
        }
        if (sizes.isEmpty()) {
            action.row(0, 1, 0, true);
            return;
        }
        int outer = sizes.size() - 1;
        int inner = sizes.get(outer);
        boolean innerReduced = kinds.get(outer);
        // How far the output moves per step of each outer group: kept groups step through the outputs (the
        // later ones fastest), reduced groups stay on the same outputs.
        var strides = new int[outer];
        int step = innerReduced ? 1 : inner;
        for (int g = outer - 1; g >= 0; g--) {
            if (!kinds.get(g)) {
                strides[g] = step;
                step *= sizes.get(g);
            }
        }
        var index = new int[outer];
        int o = 0;
        for (int row = 0, rows = size / inner; row < rows; row++) {
            action.row(row * inner, inner, o, innerReduced);
            for (int g = outer - 1; g >= 0; g--) {
                o += strides[g];
                if (++index[g] < sizes.get(g)) {
                    break;
                }
                o -= strides[g] * sizes.get(g);
                index[g] = 0;
            }
        }
    }
}
