package dev.loupe.model.infer;

import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import dev.loupe.model.Shape;
import java.util.ArrayList;
import java.util.List;

/// Operators that select or place elements: `Slice` (negative steps, clamping), `Gather` and its
/// variants, `Pad`, `OneHot`, `TopK`, and the data-dependent `Compress`, `NonZero`, `Unique` and
/// `NonMaxSuppression` (whose data-dependent sizes are unknown dimensions).
final class IndexingRules {

    private IndexingRules() {
    }

    static void register(Rules r) {
        r.add(IndexingRules::slice, "Slice");
        r.add(IndexingRules::gather, "Gather");
        r.add(c -> c.set(0, c.elem(0), c.shape(1)), "GatherElements");
        r.add(IndexingRules::gatherNd, "GatherND");
        r.add(IndexingRules::pad, "Pad");
        r.add(IndexingRules::oneHot, "OneHot");
        r.add(IndexingRules::topK, "TopK");
        r.add(IndexingRules::compress, "Compress");
        r.add(c -> c.set(0, ElementType.INT64, List.of(c.rank(0) < 0 ? Dims.UNKNOWN : Dim.of(c.rank(0)), Dims.UNKNOWN)), "NonZero");
        r.add(IndexingRules::unique, "Unique");
        r.add(c -> c.set(0, ElementType.INT64, List.of(Dims.UNKNOWN, Dim.of(3))), "NonMaxSuppression");
    }

    private static void slice(NodeContext c) {
        var in = c.shape(0);
        boolean fromInputs = c.opset() >= 10;
        long[] starts = fromInputs ? c.ints(1) : c.intsAttr("starts");
        long[] ends = fromInputs ? c.ints(2) : c.intsAttr("ends");
        long[] axes = fromInputs ? (c.has(3) ? c.ints(3) : null) : c.intsAttr("axes");
        long[] steps = fromInputs && c.has(4) ? c.ints(4) : null;
        boolean axesUnknown = fromInputs && c.has(3) && axes == null;
        boolean stepsUnknown = fromInputs && c.has(4) && steps == null;
        if (in == null) {
            c.setElem(0, c.elem(0));
            return;
        }
        if (starts == null || ends == null || axesUnknown || stepsUnknown || starts.length != ends.length) {
            c.set(0, c.elem(0), unknownSlice(c, in, axes));
            return;
        }
        var dims = new ArrayList<>(in.dims());
        var values = c.data(0) != null && in.rank() == 1 ? new ArrayList<>(c.data(0).values()) : null;
        for (int i = 0; i < starts.length; i++) {
            int axis = Shapes.normalizeAxis(axes == null ? i : axes[i], in.rank());
            long step = steps == null ? 1 : steps[i];
            if (axis < 0 || step == 0) {
                c.problem("axis " + (axes == null ? i : axes[i]) + " or step " + step + " is invalid for input " + in);
                return;
            }
            var d = in.dim(axis);
            if (!Dims.isKnown(d)) {
                boolean whole = step == 1 && starts[i] == 0 && ends[i] >= Integer.MAX_VALUE;
                dims.set(axis, whole ? d : Dims.UNKNOWN);
                values = whole ? values : null;
                continue;
            }
            long[] range = sliceRange(starts[i], ends[i], step, Dims.value(d));
            dims.set(axis, Dim.of(range[2]));
            if (values != null) {
                var picked = new ArrayList<Dim>();
                for (long k = 0, at = range[0]; k < range[2]; k++, at += step) {
                    picked.add(values.get((int) at));
                }
                values = picked;
            }
        }
        c.set(0, c.elem(0), dims);
        if (values != null) {
            c.setData(0, new SymbolicInts(values, false));
        }
    }

    /// `{first index, end, count}` of a slice of a dimension of size `size`, clamped as ONNX specifies.
    static long[] sliceRange(long start, long end, long step, long size) {
        long s = start < 0 ? start + size : start;
        long e = end < 0 ? end + size : end;
        long count;
        if (step > 0) {
            s = Math.clamp(s, 0, size);
            e = Math.clamp(e, 0, size);
            count = e > s ? (e - s + step - 1) / step : 0;
        } else {
            s = Math.clamp(s, 0, size - 1);
            e = Math.clamp(e, -1, size - 1);
            count = s > e ? (s - e - step - 1) / -step : 0;
        }
        return new long[] {s, e, count};
    }

    /// A slice whose bounds are not known: the sliced axes (all that may be, when even they are unknown)
    /// get unknown sizes.
    private static Shape unknownSlice(NodeContext c, Shape in, long[] axes) {
        var dims = new ArrayList<>(in.dims());
        if (axes != null) {
            for (long a : axes) {
                int axis = Shapes.normalizeAxis(a, in.rank());
                if (axis >= 0) {
                    dims.set(axis, Dims.UNKNOWN);
                }
            }
            return new Shape(dims);
        }
        // Without axes the first len(starts) axes are sliced; with axes of unknown value, any may be.
        var startsShape = c.opset() >= 10 && !c.has(3) ? c.shape(1) : null;
        int count = startsShape != null && startsShape.rank() == 1 && Dims.isKnown(startsShape.dim(0))
                ? (int) Dims.value(startsShape.dim(0)) : in.rank();
        for (int i = 0; i < Math.min(count, in.rank()); i++) {
            dims.set(i, Dims.UNKNOWN);
        }
        return new Shape(dims);
    }

    private static void gather(NodeContext c) {
        var data = c.shape(0);
        var indices = c.shape(1);
        if (data == null || indices == null) {
            c.setElem(0, c.elem(0));
            return;
        }
        long axisAttr = c.intAttr("axis", 0);
        int axis = Shapes.normalizeAxis(axisAttr, data.rank());
        if (axis < 0) {
            c.problem("axis " + axisAttr + " is out of range for data of rank " + data.rank());
            return;
        }
        var dims = new ArrayList<>(data.dims().subList(0, axis));
        dims.addAll(indices.dims());
        dims.addAll(data.dims().subList(axis + 1, data.rank()));
        c.set(0, c.elem(0), dims);
        var values = c.data(0);
        var picks = c.ints(1);
        if (values != null && picks != null && data.rank() == 1) {
            var out = new ArrayList<Dim>();
            for (long p : picks) {
                long at = p < 0 ? p + values.size() : p;
                if (at < 0 || at >= values.size()) {
                    return;
                }
                out.add(values.values().get((int) at));
            }
            c.setData(0, new SymbolicInts(out, indices.rank() == 0));
        }
    }

    private static void gatherNd(NodeContext c) {
        var data = c.shape(0);
        var indices = c.shape(1);
        int batch = (int) c.intAttr("batch_dims", 0);
        if (data == null || indices == null || indices.rank() < 1 || !Dims.isKnown(indices.dim(indices.rank() - 1))) {
            c.setElem(0, c.elem(0));
            return;
        }
        int k = (int) Dims.value(indices.dim(indices.rank() - 1));
        if (batch + k > data.rank()) {
            c.problem("indices of shape " + indices + " address more than the " + data.rank() + " axes of the data");
            return;
        }
        var dims = new ArrayList<>(indices.dims().subList(0, indices.rank() - 1));
        dims.addAll(data.dims().subList(batch + k, data.rank()));
        c.set(0, c.elem(0), dims);
    }

    private static void pad(NodeContext c) {
        var in = c.shape(0);
        long[] pads = c.opset() >= 11 ? c.ints(1) : c.intsAttr(c.hasAttr("pads") ? "pads" : "paddings");
        if (in == null) {
            c.setElem(0, c.elem(0));
            return;
        }
        long[] axes = c.has(3) ? c.ints(3) : null;
        if (pads == null || c.has(3) && axes == null) {
            c.set(0, c.elem(0), Shapes.unknownDims(in.rank()));
            return;
        }
        if (axes == null) {
            axes = new long[in.rank()];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i;
            }
        }
        if (pads.length != 2 * axes.length) {
            c.problem("pads has " + pads.length + " values: expected " + 2 * axes.length + " for " + axes.length + " axes");
            return;
        }
        var dims = new ArrayList<>(in.dims());
        for (int i = 0; i < axes.length; i++) {
            int axis = Shapes.normalizeAxis(axes[i], in.rank());
            if (axis >= 0) {
                dims.set(axis, Dims.add(dims.get(axis), Dim.of(pads[i] + pads[i + axes.length])));
            }
        }
        c.set(0, c.elem(0), dims);
    }

    private static void oneHot(NodeContext c) {
        var indices = c.shape(0);
        var depth = c.ints(1);
        var elem = c.elem(2);
        if (indices == null) {
            c.setElem(0, elem);
            return;
        }
        int rank = indices.rank() + 1;
        long axisAttr = c.intAttr("axis", -1);
        int axis = Shapes.normalizeAxis(axisAttr, rank);
        if (axis < 0) {
            c.problem("axis " + axisAttr + " is out of range for output of rank " + rank);
            return;
        }
        var dims = new ArrayList<>(indices.dims());
        dims.add(axis, depth != null && depth.length == 1 ? Dim.of(depth[0]) : Dims.UNKNOWN);
        c.set(0, elem, dims);
    }

    private static void topK(NodeContext c) {
        var in = c.shape(0);
        if (in == null) {
            c.setElem(0, c.elem(0));
            c.setElem(1, ElementType.INT64);
            return;
        }
        long axisAttr = c.intAttr("axis", -1);
        int axis = Shapes.normalizeAxis(axisAttr, in.rank());
        if (axis < 0) {
            c.problem("axis " + axisAttr + " is out of range for input of rank " + in.rank());
            return;
        }
        long[] k = c.opset() >= 10 ? c.ints(1) : new long[] {c.intAttr("k", -1)};
        var dims = new ArrayList<>(in.dims());
        dims.set(axis, k != null && k.length == 1 && k[0] >= 0 ? Dim.of(k[0]) : Dims.UNKNOWN);
        c.set(0, c.elem(0), dims);
        c.set(1, ElementType.INT64, dims);
    }

    private static void compress(NodeContext c) {
        var in = c.shape(0);
        if (in == null || !c.hasAttr("axis")) {
            c.set(0, c.elem(0), List.of(Dims.UNKNOWN));
            return;
        }
        int axis = Shapes.normalizeAxis(c.intAttr("axis", 0), in.rank());
        if (axis < 0) {
            c.problem("axis " + c.intAttr("axis", 0) + " is out of range for input of rank " + in.rank());
            return;
        }
        var dims = new ArrayList<>(in.dims());
        dims.set(axis, Dims.UNKNOWN);
        c.set(0, c.elem(0), dims);
    }

    private static void unique(NodeContext c) {
        var in = c.shape(0);
        var unknown1d = List.of(Dims.UNKNOWN);
        Dim inverse = Dims.UNKNOWN;
        if (!c.hasAttr("axis")) {
            c.set(0, c.elem(0), unknown1d);
            if (in != null) {
                inverse = Dims.product(in.dims());
            }
        } else if (in != null) {
            int axis = Shapes.normalizeAxis(c.intAttr("axis", 0), in.rank());
            if (axis < 0) {
                c.problem("axis " + c.intAttr("axis", 0) + " is out of range for input of rank " + in.rank());
                return;
            }
            var dims = new ArrayList<>(in.dims());
            dims.set(axis, Dims.UNKNOWN);
            c.set(0, c.elem(0), dims);
            inverse = in.dim(axis);
        } else {
            c.setElem(0, c.elem(0));
        }
        c.set(1, ElementType.INT64, unknown1d);
        c.set(2, ElementType.INT64, List.of(inverse));
        c.set(3, ElementType.INT64, unknown1d);
    }
}
