package dev.loupe.model.infer;

import dev.loupe.model.Dim;
import dev.loupe.model.Shape;
import java.util.ArrayList;
import java.util.List;

/// Resampling: `Resize` (target `sizes`, or `scales` with each size rounded down, optionally for a
/// subset of `axes`), the older `Upsample`, and `GridSample`.
final class ResizeRules {

    private ResizeRules() {
    }

    static void register(Rules r) {
        r.add(ResizeRules::resize, "Resize");
        r.add(ResizeRules::upsample, "Upsample");
        r.add(ResizeRules::gridSample, "GridSample");
    }

    private static void resize(NodeContext c) {
        var in = c.shape(0);
        if (in == null) {
            c.setElem(0, c.elem(0));
            return;
        }
        int scalesIndex = c.opset() >= 11 ? 2 : 1;
        var axes = c.intsAttr("axes");
        if (c.opset() >= 11 && c.has(3)) {
            var sizes = c.data(3);
            c.set(0, c.elem(0), sizes == null ? Shapes.unknownDims(in.rank()) : place(in, sizes.values(), axes));
            return;
        }
        var scales = c.floats(scalesIndex);
        if (scales == null || scales.length == 0) {
            c.set(0, c.elem(0), Shapes.unknownDims(in.rank()));
            return;
        }
        c.set(0, c.elem(0), scaled(c, in, scales, axes));
    }

    private static void upsample(NodeContext c) {
        var in = c.shape(0);
        var scales = c.opset() >= 9 ? c.floats(1) : c.floatsAttr("scales");
        if (in == null || scales == null) {
            c.set(0, c.elem(0), in == null ? null : Shapes.unknownDims(in.rank()));
            return;
        }
        c.set(0, c.elem(0), scaled(c, in, scales, null));
    }

    private static Shape scaled(NodeContext c, Shape in, float[] scales, long[] axes) {
        int count = axes == null ? in.rank() : axes.length;
        if (scales.length != count) {
            c.problem("scales has " + scales.length + " values: expected " + count);
            return Shapes.unknownDims(in.rank());
        }
        var targets = new ArrayList<Dim>(count);
        for (int i = 0; i < count; i++) {
            int axis = axes == null ? i : Shapes.normalizeAxis(axes[i], in.rank());
            var d = axis < 0 ? Dims.UNKNOWN : in.dim(axis);
            targets.add(Dims.isKnown(d) ? Dim.of((long) Math.floor(Dims.value(d) * (double) scales[i]))
                    : scales[i] == 1f ? d : Dims.UNKNOWN);
        }
        return place(in, targets, axes);
    }

    /// The input shape with the given sizes on `axes` (all axes when `null`).
    private static Shape place(Shape in, List<Dim> sizes, long[] axes) {
        if (axes == null) {
            return sizes.size() == in.rank() ? new Shape(sizes) : Shapes.unknownDims(in.rank());
        }
        var dims = new ArrayList<>(in.dims());
        for (int i = 0; i < axes.length && i < sizes.size(); i++) {
            int axis = Shapes.normalizeAxis(axes[i], in.rank());
            if (axis >= 0) {
                dims.set(axis, sizes.get(i));
            }
        }
        return new Shape(dims);
    }

    private static void gridSample(NodeContext c) {
        var x = c.shape(0);
        var grid = c.shape(1);
        if (x == null || grid == null || x.rank() < 2 || grid.rank() != x.rank()) {
            c.set(0, c.elem(0), x == null ? null : Shapes.unknownDims(x.rank()));
            return;
        }
        var dims = new ArrayList<>(List.of(x.dim(0), x.dim(1)));
        dims.addAll(grid.dims().subList(1, grid.rank() - 1));
        c.set(0, c.elem(0), dims);
    }
}
