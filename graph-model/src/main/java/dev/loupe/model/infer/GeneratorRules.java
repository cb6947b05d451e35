package dev.loupe.model.infer;

import dev.loupe.model.AttributeValue;
import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import dev.loupe.model.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/// Operators that make tensors from shapes, attributes or scalars: `Shape` and `Size` (whose values are
/// propagated), `Constant`, `ConstantOfShape`, `Range`, the random generators and the window functions.
final class GeneratorRules {

    private GeneratorRules() {
    }

    static void register(Rules r) {
        r.add(GeneratorRules::shape, "Shape");
        r.add(GeneratorRules::size, "Size");
        r.add(GeneratorRules::constant, "Constant");
        r.add(GeneratorRules::constantOfShape, "ConstantOfShape");
        r.add(GeneratorRules::range, "Range");
        r.add(c -> c.set(0, c.typeAttr("dtype", ElementType.FLOAT), fromAttr(c.intsAttr("shape"))), "RandomNormal", "RandomUniform");
        r.add(GeneratorRules::multinomial, "Multinomial");
        r.add(GeneratorRules::window, "HannWindow", "HammingWindow", "BlackmanWindow");
        r.add(GeneratorRules::melWeightMatrix, "MelWeightMatrix");
    }

    private static void shape(NodeContext c) {
        var in = c.shape(0);
        if (in == null) {
            c.set(0, ElementType.INT64, List.of(Dims.UNKNOWN));
            return;
        }
        int rank = in.rank();
        long start = c.intAttr("start", 0);
        long end = c.intAttr("end", rank);
        int s = (int) Math.clamp(start < 0 ? start + rank : start, 0, rank);
        int e = (int) Math.clamp(end < 0 ? end + rank : end, 0, rank);
        var dims = e > s ? in.dims().subList(s, e) : List.<Dim>of();
        c.set(0, ElementType.INT64, List.of(Dim.of(dims.size())));
        c.setData(0, new SymbolicInts(dims.stream().map(GeneratorRules::withoutDenotation).toList(), false));
    }

    private static Dim withoutDenotation(Dim d) {
        return switch (d) {
            case Dim.Known k -> Dim.of(k.value());
            case Dim.Symbolic s -> Dim.symbol(s.name());
            case Dim.Unknown u -> Dims.UNKNOWN;
        };
    }

    private static void size(NodeContext c) {
        c.set(0, ElementType.INT64, Shapes.scalar());
        var in = c.shape(0);
        if (in != null && Dims.isKnown(Dims.product(in.dims()))) {
            c.setData(0, new SymbolicInts(List.of(Dims.product(in.dims())), true));
        }
    }

    private static void constant(NodeContext c) {
        var name = c.node().attributes().keySet().stream().findFirst().orElse("");
        var attr = c.attr(name);
        if (attr == null) {
            return;
        }
        switch (attr.value()) {
            case AttributeValue.TensorValue(var t) -> {
                c.set(0, t.elementType(), t.shape());
                if (t.rank() <= 1 && (t.elementType().isInteger())) {
                    var longs = Constants.longs(t);
                    if (longs != null) {
                        c.setData(0, SymbolicInts.of(longs, t.rank() == 0));
                    }
                }
            }
            case AttributeValue.SparseTensorValue(var s) -> c.set(0, s.values().elementType(), Shape.of(s.dims()));
            case AttributeValue.FloatValue ignored -> c.set(0, ElementType.FLOAT, Shapes.scalar());
            case AttributeValue.Floats(float[] v) -> c.set(0, ElementType.FLOAT, Shape.of(v.length));
            case AttributeValue.IntValue(long v) -> {
                c.set(0, ElementType.INT64, Shapes.scalar());
                c.setData(0, SymbolicInts.of(new long[] {v}, true));
            }
            case AttributeValue.Ints(long[] v) -> {
                c.set(0, ElementType.INT64, Shape.of(v.length));
                c.setData(0, SymbolicInts.of(v, false));
            }
            case AttributeValue.StringValue ignored -> c.set(0, ElementType.STRING, Shapes.scalar());
            case AttributeValue.Strings(var v) -> c.set(0, ElementType.STRING, Shape.of(v.size()));
            default -> c.problem("attribute '" + name + "' cannot hold a constant: expected value, value_float(s), "
                    + "value_int(s), value_string(s) or sparse_value");
        }
    }

    private static void constantOfShape(NodeContext c) {
        var value = c.tensorAttr("value");
        var type = value == null ? ElementType.FLOAT : value.elementType();
        var shape = c.data(0);
        if (shape == null) {
            var s = c.shape(0);
            c.set(0, type, s != null && s.rank() == 1 && Dims.isKnown(s.dim(0)) ? Shapes.unknownDims((int) Dims.value(s.dim(0))) : null);
            return;
        }
        c.set(0, type, shape.values());
        if (value != null && type.isInteger() && shape.size() == 1 && Dims.isKnown(shape.values().getFirst())) {
            long n = Dims.value(shape.values().getFirst());
            var longs = Constants.longs(value);
            if (longs != null && longs.length == 1 && n <= Constants.MAX_VALUES) {
                c.setData(0, new SymbolicInts(Collections.nCopies((int) n, Dim.of(longs[0])), false));
            }
        }
    }

    private static void range(NodeContext c) {
        var type = c.elem(0);
        var start = c.data(0);
        var limit = c.data(1);
        var delta = c.data(2);
        if (start != null && limit != null && delta != null && start.size() == 1 && limit.size() == 1 && delta.size() == 1) {
            // ceil((limit - start) / delta), which keeps a symbolic limit when start is 0 and delta 1.
            var length = Dims.ceilDiv(Dims.sub(limit.values().getFirst(), start.values().getFirst()), delta.values().getFirst());
            if (Dims.isKnown(length) && Dims.value(length) < 0) {
                length = Dim.of(0);
            }
            c.set(0, type, List.of(length));
            var first = start.known();
            var step = delta.known();
            if (first != null && step != null && Dims.isKnown(length) && Dims.value(length) <= Constants.MAX_VALUES) {
                var values = new ArrayList<Dim>();
                for (long i = 0; i < Dims.value(length); i++) {
                    values.add(Dim.of(first[0] + i * step[0]));
                }
                c.setData(0, new SymbolicInts(values, false));
            }
            return;
        }
        var fstart = c.floats(0);
        var flimit = c.floats(1);
        var fdelta = c.floats(2);
        if (fstart != null && flimit != null && fdelta != null && fstart.length == 1 && fdelta[0] != 0) {
            c.set(0, type, List.of(Dim.of(Math.max((long) Math.ceil((flimit[0] - fstart[0]) / (double) fdelta[0]), 0))));
        } else {
            c.set(0, type, List.of(Dims.UNKNOWN));
        }
    }

    private static void multinomial(NodeContext c) {
        var in = c.shape(0);
        c.set(0, c.typeAttr("dtype", ElementType.INT32),
                List.of(in != null && in.rank() == 2 ? in.dim(0) : Dims.UNKNOWN, Dim.of(c.intAttr("sample_size", 1))));
    }

    private static void window(NodeContext c) {
        var size = c.ints(0);
        c.set(0, c.typeAttr("output_datatype", ElementType.FLOAT),
                List.of(size != null && size.length == 1 ? Dim.of(size[0]) : Dims.UNKNOWN));
    }

    private static void melWeightMatrix(NodeContext c) {
        var bins = c.ints(0);
        var dftLength = c.ints(1);
        c.set(0, c.typeAttr("output_datatype", ElementType.FLOAT), List.of(
                dftLength != null && dftLength.length == 1 ? Dim.of(dftLength[0] / 2 + 1) : Dims.UNKNOWN,
                bins != null && bins.length == 1 ? Dim.of(bins[0]) : Dims.UNKNOWN));
    }

    private static Shape fromAttr(long[] sizes) {
        return sizes == null ? null : Shape.of(sizes);
    }
}
