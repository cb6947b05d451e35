package dev.loupe.model.infer;

import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import java.util.ArrayList;

/// Reductions over axes (`ReduceSum`...; axes from the attribute or, from `ReduceSum`-13 and the others'
/// version 18, from the second input) and `ArgMax`/`ArgMin`.
final class ReductionRules {

    private ReductionRules() {
    }

    static void register(Rules r) {
        r.add(ReductionRules::reduce, "ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1",
                "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare");
        r.add(ReductionRules::argReduce, "ArgMax", "ArgMin");
    }

    private static void reduce(NodeContext c) {
        var shape = c.shape(0);
        boolean keep = c.intAttr("keepdims", 1) != 0;
        long[] axes;
        if (c.has(1)) {
            axes = c.ints(1);
            if (axes == null) {
                // Axes are computed at run time: only the rank survives, and only with keepdims.
                c.set(0, c.elem(0), keep && shape != null ? Shapes.unknownDims(shape.rank()) : null);
                return;
            }
        } else {
            axes = c.intsAttr("axes");
        }
        if (shape == null) {
            c.setElem(0, c.elem(0));
            return;
        }
        if (axes == null || axes.length == 0) {
            if (c.intAttr("noop_with_empty_axes", 0) != 0) {
                c.copy(0, 0);
                return;
            }
            axes = new long[shape.rank()];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i;
            }
        }
        var reduced = new boolean[shape.rank()];
        for (long a : axes) {
            int axis = Shapes.normalizeAxis(a, shape.rank());
            if (axis < 0) {
                c.problem("axis " + a + " is out of range for input of rank " + shape.rank());
                return;
            }
            reduced[axis] = true;
        }
        var dims = new ArrayList<Dim>();
        for (int i = 0; i < shape.rank(); i++) {
            if (!reduced[i]) {
                dims.add(shape.dim(i));
            } else if (keep) {
                dims.add(Dims.ONE);
            }
        }
        c.set(0, c.elem(0), dims);
    }

    private static void argReduce(NodeContext c) {
        var shape = c.shape(0);
        if (shape == null) {
            c.setElem(0, ElementType.INT64);
            return;
        }
        int axis = Shapes.normalizeAxis(c.intAttr("axis", 0), shape.rank());
        if (axis < 0) {
            c.problem("axis " + c.intAttr("axis", 0) + " is out of range for input of rank " + shape.rank());
            return;
        }
        var dims = new ArrayList<>(shape.dims());
        if (c.intAttr("keepdims", 1) != 0) {
            dims.set(axis, Dims.ONE);
        } else {
            dims.remove(axis);
        }
        c.set(0, ElementType.INT64, dims);
    }
}
