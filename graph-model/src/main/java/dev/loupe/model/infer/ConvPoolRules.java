package dev.loupe.model.infer;

import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import dev.loupe.model.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/// Convolutions and pooling over `[N, C, D1, D2...]` tensors: kernel, strides, dilations, explicit pads,
/// `auto_pad` (`SAME_UPPER`, `SAME_LOWER`, `VALID`) and `ceil_mode`; transposed convolution with
/// `output_padding` and `output_shape`; global pooling, unpooling and region-of-interest pooling.
final class ConvPoolRules {

    private ConvPoolRules() {
    }

    static void register(Rules r) {
        r.add(c -> conv(c, 0, 1, c.elem(0)), "Conv");
        r.add(c -> conv(c, 0, 1, ElementType.INT32), "ConvInteger");
        r.add(c -> conv(c, 0, 3, c.elem(7)), "QLinearConv");
        r.add(ConvPoolRules::convTranspose, "ConvTranspose");
        r.add(ConvPoolRules::pool, "MaxPool", "AveragePool", "LpPool");
        r.add(ConvPoolRules::globalPool, "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool");
        r.add(ConvPoolRules::maxUnpool, "MaxUnpool");
        r.add(c -> roiPool(c, c.intsAttr("pooled_shape")), "MaxRoiPool");
        r.add(c -> roiPool(c, new long[] {c.intAttr("output_height", 1), c.intAttr("output_width", 1)}), "RoiAlign");
    }

    /// The spatial output sizes of a sliding window over `x`'s dimensions from 2 on.
    static List<Dim> windowOutput(NodeContext c, Shape x, long[] kernel, boolean ceilMode) {
        int n = kernel.length;
        var strides = attrOr(c, "strides", n, 1);
        var dilations = attrOr(c, "dilations", n, 1);
        var pads = attrOr(c, "pads", 2 * n, 0);
        var autoPad = c.stringAttr("auto_pad", "NOTSET");
        var out = new ArrayList<Dim>(n);
        for (int i = 0; i < n; i++) {
            var in = x.dim(2 + i);
            long effective = (kernel[i] - 1) * dilations[i] + 1;
            var stride = Dim.of(strides[i]);
            out.add(switch (autoPad) {
                case "SAME_UPPER", "SAME_LOWER" -> Dims.ceilDiv(in, stride);
                case "VALID" -> Dims.add(Dims.floorDiv(Dims.sub(in, Dim.of(effective)), stride), Dims.ONE);
                default -> {
                    var span = Dims.sub(Dims.add(in, Dim.of(pads[i] + pads[i + n])), Dim.of(effective));
                    yield Dims.add(ceilMode ? Dims.ceilDiv(span, stride) : Dims.floorDiv(span, stride), Dims.ONE);
                }
            });
        }
        return out;
    }

    private static void conv(NodeContext c, int xIndex, int wIndex, ElementType type) {
        var x = c.shape(xIndex);
        var w = c.shape(wIndex);
        var kernel = c.intsAttr("kernel_shape");
        if (kernel == null && w != null && w.rank() >= 2) {
            kernel = knownSizes(w.dims().subList(2, w.rank()));
        }
        int rank = x != null ? x.rank() : w != null ? w.rank() : -1;
        if (x == null || kernel == null || kernel.length != rank - 2) {
            c.set(0, type, Shapes.unknownDims(rank));
            return;
        }
        var dims = new ArrayList<Dim>();
        dims.add(x.dim(0));
        dims.add(w == null ? Dims.UNKNOWN : w.dim(0));
        dims.addAll(windowOutput(c, x, kernel, false));
        c.set(0, type, dims);
    }

    private static void convTranspose(NodeContext c) {
        var x = c.shape(0);
        var w = c.shape(1);
        var kernel = c.intsAttr("kernel_shape");
        if (kernel == null && w != null && w.rank() >= 2) {
            kernel = knownSizes(w.dims().subList(2, w.rank()));
        }
        int rank = x != null ? x.rank() : w != null ? w.rank() : -1;
        if (x == null || kernel == null || kernel.length != rank - 2) {
            c.set(0, c.elem(0), Shapes.unknownDims(rank));
            return;
        }
        int n = kernel.length;
        var dims = new ArrayList<Dim>();
        dims.add(x.dim(0));
        dims.add(w == null ? Dims.UNKNOWN : Dims.mul(w.dim(1), Dim.of(c.intAttr("group", 1))));
        var outputShape = c.intsAttr("output_shape");
        if (outputShape != null) {
            for (int i = outputShape.length - n; i < outputShape.length; i++) {
                dims.add(Dim.of(outputShape[i]));
            }
            c.set(0, c.elem(0), dims);
            return;
        }
        var strides = attrOr(c, "strides", n, 1);
        var dilations = attrOr(c, "dilations", n, 1);
        var pads = attrOr(c, "pads", 2 * n, 0);
        var outputPadding = attrOr(c, "output_padding", n, 0);
        var autoPad = c.stringAttr("auto_pad", "NOTSET");
        for (int i = 0; i < n; i++) {
            var in = x.dim(2 + i);
            if (autoPad.startsWith("SAME")) {
                dims.add(Dims.mul(in, Dim.of(strides[i])));
                continue;
            }
            long fixed = outputPadding[i] + (kernel[i] - 1) * dilations[i] + 1
                    - (autoPad.equals("VALID") ? 0 : pads[i] + pads[i + n]);
            dims.add(Dims.add(Dims.mul(Dims.sub(in, Dims.ONE), Dim.of(strides[i])), Dim.of(fixed)));
        }
        c.set(0, c.elem(0), dims);
    }

    private static void pool(NodeContext c) {
        var x = c.shape(0);
        var kernel = c.intsAttr("kernel_shape");
        if (x == null || kernel == null || kernel.length != x.rank() - 2) {
            c.set(0, c.elem(0), Shapes.unknownDims(x == null ? -1 : x.rank()));
        } else {
            var dims = new ArrayList<>(x.dims().subList(0, 2));
            dims.addAll(windowOutput(c, x, kernel, c.intAttr("ceil_mode", 0) != 0));
            c.set(0, c.elem(0), dims);
        }
        if (c.outputCount() > 1) {
            c.set(1, ElementType.INT64, c.output(0) instanceof dev.loupe.model.TypeInfo.TensorType t ? t.shape() : null);
        }
    }

    private static void globalPool(NodeContext c) {
        var x = c.shape(0);
        if (x == null || x.rank() < 2) {
            c.setElem(0, c.elem(0));
            return;
        }
        var dims = new ArrayList<>(x.dims().subList(0, 2));
        for (int i = 2; i < x.rank(); i++) {
            dims.add(Dims.ONE);
        }
        c.set(0, c.elem(0), dims);
    }

    private static void maxUnpool(NodeContext c) {
        var x = c.shape(0);
        if (c.has(2)) {
            var shape = c.data(2);
            c.set(0, c.elem(0), shape != null ? new Shape(shape.values()) : Shapes.unknownDims(x == null ? -1 : x.rank()));
            return;
        }
        var kernel = c.intsAttr("kernel_shape");
        if (x == null || kernel == null || kernel.length != x.rank() - 2) {
            c.set(0, c.elem(0), Shapes.unknownDims(x == null ? -1 : x.rank()));
            return;
        }
        int n = kernel.length;
        var strides = attrOr(c, "strides", n, 1);
        var pads = attrOr(c, "pads", 2 * n, 0);
        var dims = new ArrayList<>(x.dims().subList(0, 2));
        for (int i = 0; i < n; i++) {
            var in = x.dim(2 + i);
            dims.add(Dims.add(Dims.mul(Dims.sub(in, Dims.ONE), Dim.of(strides[i])), Dim.of(kernel[i] - pads[i] - pads[i + n])));
        }
        c.set(0, c.elem(0), dims);
    }

    private static void roiPool(NodeContext c, long[] pooled) {
        var x = c.shape(0);
        var rois = c.shape(1);
        if (pooled == null || pooled.length != 2) {
            c.set(0, c.elem(0), Shapes.unknownDims(4));
            return;
        }
        c.set(0, c.elem(0), List.of(rois == null || rois.rank() < 1 ? Dims.UNKNOWN : rois.dim(0),
                x == null || x.rank() < 2 ? Dims.UNKNOWN : x.dim(1), Dim.of(pooled[0]), Dim.of(pooled[1])));
    }

    /// An INTS attribute of length `n`, or `n` copies of `fallback` when it is absent or of another length.
    private static long[] attrOr(NodeContext c, String name, int n, long fallback) {
        var v = c.intsAttr(name);
        if (v != null && v.length == n) {
            return v;
        }
        var out = new long[n];
        Arrays.fill(out, fallback);
        return out;
    }

    /// The sizes when all dimensions are known, else `null`.
    private static long[] knownSizes(List<Dim> dims) {
        var out = new long[dims.size()];
        for (int i = 0; i < out.length; i++) {
            if (!Dims.isKnown(dims.get(i))) {
                return null;
            }
            out[i] = Dims.value(dims.get(i));
        }
        return out;
    }
}
