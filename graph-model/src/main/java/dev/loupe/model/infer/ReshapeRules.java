package dev.loupe.model.infer;

import dev.loupe.model.Dim;
import dev.loupe.model.Shape;
import java.util.ArrayList;
import java.util.List;

/// Operators that rearrange dimensions without looking at values: `Reshape` (with `0` and `-1`, and
/// symbolic target shapes from propagated `Shape` values), `Flatten`, `Squeeze`, `Unsqueeze`,
/// `Transpose`, `Concat`, `Split`, `DepthToSpace`, `SpaceToDepth`, `Expand` and `Tile`.
final class ReshapeRules {

    private ReshapeRules() {
    }

    static void register(Rules r) {
        r.add(ReshapeRules::reshape, "Reshape");
        r.add(ReshapeRules::flatten, "Flatten");
        r.add(ReshapeRules::squeeze, "Squeeze");
        r.add(ReshapeRules::unsqueeze, "Unsqueeze");
        r.add(ReshapeRules::transpose, "Transpose");
        r.add(ReshapeRules::concat, "Concat");
        r.add(ReshapeRules::split, "Split");
        r.add(c -> blocks(c, true), "DepthToSpace");
        r.add(c -> blocks(c, false), "SpaceToDepth");
        r.add(ReshapeRules::expand, "Expand");
        r.add(ReshapeRules::tile, "Tile");
    }

    private static void reshape(NodeContext c) {
        var in = c.shape(0);
        var target = c.has(1) ? c.data(1) : longsOrNull(c.intsAttr("shape"));
        if (target == null) {
            var s = c.shape(1);
            c.set(0, c.elem(0), s != null && s.rank() == 1 && Dims.isKnown(s.dim(0)) ? Shapes.unknownDims((int) Dims.value(s.dim(0))) : null);
            return;
        }
        boolean allowZero = c.intAttr("allowzero", 0) != 0;
        var dims = new ArrayList<Dim>(target.size());
        int inferred = -1;
        for (int j = 0; j < target.size(); j++) {
            var d = target.values().get(j);
            if (Dims.is(d, 0) && !allowZero) {
                dims.add(in != null && j < in.rank() ? in.dim(j) : Dims.UNKNOWN);
            } else if (Dims.is(d, -1)) {
                if (inferred >= 0) {
                    c.problem("shape " + target.values() + " has more than one -1: expected at most one dimension to infer");
                }
                inferred = j;
                dims.add(Dims.UNKNOWN);
            } else {
                dims.add(d);
            }
        }
        if (inferred >= 0 && in != null) {
            dims.set(inferred, remainingSize(in.dims(), dims, inferred));
        }
        c.set(0, c.elem(0), dims);
        if (dims.size() == 1 && c.data(0) != null) {
            c.setData(0, new SymbolicInts(c.data(0).values(), false));
        }
    }

    /// The size that makes the element counts equal: common factors (equal symbols or sizes) cancel first.
    private static Dim remainingSize(List<Dim> input, List<Dim> output, int skip) {
        var left = new ArrayList<>(input);
        var right = new ArrayList<Dim>();
        for (int j = 0; j < output.size(); j++) {
            if (j == skip) {
                continue;
            }
            var d = output.get(j);
            int match = -1;
            for (int i = 0; i < left.size() && match < 0; i++) {
                if (Dims.sameSize(left.get(i), d)) {
                    match = i;
                }
            }
            if (match >= 0) {
                left.remove(match);
            } else {
                right.add(d);
            }
        }
        return Dims.floorDiv(Dims.product(left), Dims.product(right));
    }

    private static void flatten(NodeContext c) {
        var in = c.shape(0);
        if (in == null) {
            c.set(0, c.elem(0), Shapes.unknownDims(2));
            return;
        }
        long axis = c.intAttr("axis", 1);
        int a = (int) (axis < 0 ? axis + in.rank() : axis);
        if (a < 0 || a > in.rank()) {
            c.problem("axis " + axis + " is out of range for input of rank " + in.rank());
            return;
        }
        c.set(0, c.elem(0), List.of(Dims.product(in.dims().subList(0, a)), Dims.product(in.dims().subList(a, in.rank()))));
    }

    /// Axes from input `index` when the node has it, else from the `axes` attribute; `null` when absent.
    /// Sets `unknown[0]` when the input is there but its values are not known.
    private static long[] axes(NodeContext c, int index, boolean[] unknown) {
        if (c.has(index)) {
            var v = c.ints(index);
            unknown[0] = v == null;
            return v;
        }
        return c.intsAttr("axes");
    }

    private static void squeeze(NodeContext c) {
        var in = c.shape(0);
        var unknown = new boolean[1];
        var axes = axes(c, 1, unknown);
        if (in == null || unknown[0]) {
            c.setElem(0, c.elem(0));
            return;
        }
        var drop = new boolean[in.rank()];
        if (axes == null || axes.length == 0) {
            for (int i = 0; i < in.rank(); i++) {
                if (!Dims.isKnown(in.dim(i))) {
                    c.setElem(0, c.elem(0));
                    return;
                }
                drop[i] = Dims.is(in.dim(i), 1);
            }
        } else {
            for (long a : axes) {
                int axis = Shapes.normalizeAxis(a, in.rank());
                if (axis < 0) {
                    c.problem("axis " + a + " is out of range for input of rank " + in.rank());
                    return;
                }
                if (Dims.isKnown(in.dim(axis)) && !Dims.is(in.dim(axis), 1)) {
                    c.problem("cannot squeeze axis " + a + " of size " + in.dim(axis) + ": expected size 1");
                }
                drop[axis] = true;
            }
        }
        var dims = new ArrayList<Dim>();
        for (int i = 0; i < in.rank(); i++) {
            if (!drop[i]) {
                dims.add(in.dim(i));
            }
        }
        c.set(0, c.elem(0), dims);
        var data = c.data(0);
        if (data != null && dims.isEmpty() && data.size() == 1) {
            c.setData(0, new SymbolicInts(data.values(), true));
        }
    }

    private static void unsqueeze(NodeContext c) {
        var in = c.shape(0);
        var unknown = new boolean[1];
        var axes = axes(c, 1, unknown);
        if (in == null || axes == null) {
            c.setElem(0, c.elem(0));
            return;
        }
        int rank = in.rank() + axes.length;
        var inserted = new boolean[rank];
        for (long a : axes) {
            int axis = Shapes.normalizeAxis(a, rank);
            if (axis < 0 || inserted[axis]) {
                c.problem("axes " + java.util.Arrays.toString(axes) + " are invalid for output rank " + rank);
                return;
            }
            inserted[axis] = true;
        }
        var dims = new ArrayList<Dim>(rank);
        for (int i = 0, k = 0; i < rank; i++) {
            dims.add(inserted[i] ? Dims.ONE : in.dim(k++));
        }
        c.set(0, c.elem(0), dims);
        var data = c.data(0);
        if (data != null && data.scalar() && rank == 1) {
            c.setData(0, new SymbolicInts(data.values(), false));
        }
    }

    private static void transpose(NodeContext c) {
        var in = c.shape(0);
        if (in == null) {
            c.setElem(0, c.elem(0));
            return;
        }
        var perm = c.intsAttr("perm");
        var dims = new ArrayList<Dim>(in.rank());
        for (int i = 0; i < in.rank(); i++) {
            int from = perm == null ? in.rank() - 1 - i : i < perm.length ? Shapes.normalizeAxis(perm[i], in.rank()) : -1;
            if (from < 0 || perm != null && perm.length != in.rank()) {
                c.problem("perm " + java.util.Arrays.toString(perm) + " is not a permutation of the " + in.rank() + " axes");
                return;
            }
            dims.add(in.dim(from));
        }
        c.set(0, c.elem(0), dims);
    }

    private static void concat(NodeContext c) {
        Shape first = null;
        for (int i = 0; i < c.inputCount() && first == null; i++) {
            first = c.shape(i);
        }
        var elem = c.elem(0);
        if (first == null) {
            c.setElem(0, elem);
            return;
        }
        int rank = first.rank();
        long axisAttr = c.intAttr("axis", 0);
        int axis = Shapes.normalizeAxis(axisAttr, rank);
        if (axis < 0) {
            c.problem("axis " + axisAttr + " is out of range for inputs of rank " + rank);
            return;
        }
        var dims = new ArrayList<>(Shapes.unknownDims(rank).dims());
        Dim total = Dim.of(0);
        boolean allKnown = true;
        var values = new ArrayList<Dim>();
        for (int i = 0; i < c.inputCount(); i++) {
            var s = c.shape(i);
            var d = c.data(i);
            if (d == null || d.scalar()) {
                values = null;
            } else if (values != null) {
                values.addAll(d.values());
            }
            if (s == null) {
                allKnown = false;
                continue;
            }
            if (s.rank() != rank) {
                c.problem("input " + i + " has rank " + s.rank() + " but input 0 has rank " + rank + ": expected equal ranks");
                return;
            }
            for (int k = 0; k < rank; k++) {
                if (k == axis) {
                    total = Dims.add(total, s.dim(k));
                } else {
                    if (Dims.conflict(dims.get(k), s.dim(k))) {
                        c.problem("input " + i + " has size " + s.dim(k) + " on axis " + k + " where another input has "
                                + dims.get(k) + ": expected equal sizes off the concatenation axis");
                    }
                    dims.set(k, Dims.unify(dims.get(k), s.dim(k)));
                }
            }
        }
        dims.set(axis, allKnown ? total : Dims.UNKNOWN);
        c.set(0, elem, dims);
        if (values != null && rank == 1) {
            c.setData(0, new SymbolicInts(values, false));
        }
    }

    private static void split(NodeContext c) {
        var in = c.shape(0);
        int outputs = c.outputCount();
        if (in == null) {
            for (int i = 0; i < outputs; i++) {
                c.setElem(i, c.elem(0));
            }
            return;
        }
        long axisAttr = c.intAttr("axis", 0);
        int axis = Shapes.normalizeAxis(axisAttr, in.rank());
        if (axis < 0) {
            c.problem("axis " + axisAttr + " is out of range for input of rank " + in.rank());
            return;
        }
        long[] sizes = c.has(1) ? c.ints(1) : c.intsAttr("split");
        var whole = in.dim(axis);
        for (int i = 0; i < outputs; i++) {
            Dim part;
            if (sizes != null) {
                part = i < sizes.length ? Dim.of(sizes[i]) : Dims.UNKNOWN;
            } else if (c.has(1)) {
                part = Dims.UNKNOWN;
            } else if (Dims.isKnown(whole)) {
                // Equal parts, the last one smaller when the size does not divide (opset 18).
                long chunk = -Math.floorDiv(-Dims.value(whole), outputs);
                part = Dim.of(i < outputs - 1 ? chunk : Dims.value(whole) - chunk * (outputs - 1));
            } else {
                part = Dims.UNKNOWN;
            }
            var dims = new ArrayList<>(in.dims());
            dims.set(axis, part);
            c.set(i, c.elem(0), dims);
        }
    }

    private static void blocks(NodeContext c, boolean toSpace) {
        var in = c.shape(0);
        if (in == null || in.rank() != 4) {
            c.set(0, c.elem(0), Shapes.unknownDims(4));
            return;
        }
        var b = Dim.of(c.intAttr("blocksize", 1));
        var bb = Dims.mul(b, b);
        c.set(0, c.elem(0), toSpace
                ? List.of(in.dim(0), Dims.floorDiv(in.dim(1), bb), Dims.mul(in.dim(2), b), Dims.mul(in.dim(3), b))
                : List.of(in.dim(0), Dims.mul(in.dim(1), bb), Dims.floorDiv(in.dim(2), b), Dims.floorDiv(in.dim(3), b)));
    }

    private static void expand(NodeContext c) {
        var target = c.data(1);
        Shape shape;
        if (target != null) {
            shape = new Shape(target.values().stream().map(d -> Dims.is(d, -1) ? Dims.UNKNOWN : d).toList());
        } else {
            var s = c.shape(1);
            shape = s != null && s.rank() == 1 && Dims.isKnown(s.dim(0)) ? Shapes.unknownDims((int) Dims.value(s.dim(0))) : null;
        }
        c.set(0, c.elem(0), Shapes.broadcast(c.shape(0), shape, c::problem));
    }

    private static void tile(NodeContext c) {
        var in = c.shape(0);
        var repeats = c.data(1);
        if (in == null || repeats == null || repeats.size() != in.rank()) {
            c.set(0, c.elem(0), in == null ? null : Shapes.unknownDims(in.rank()));
            return;
        }
        var dims = new ArrayList<Dim>(in.rank());
        for (int i = 0; i < in.rank(); i++) {
            dims.add(Dims.mul(in.dim(i), repeats.values().get(i)));
        }
        c.set(0, c.elem(0), dims);
    }

    private static SymbolicInts longsOrNull(long[] values) {
        return values == null ? null : SymbolicInts.of(values, false);
    }
}
