package dev.loupe.app.diagram;

import dev.loupe.model.AttributeValue;
import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import dev.loupe.model.Shape;
import dev.loupe.model.TensorData;
import dev.loupe.model.TypeInfo;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.StringJoiner;

/// Short text for types, shapes, tensors and attribute values, as labels and lines of the diagram show them.
public final class ValueText {

    private static final int MAX_ELEMENTS_SHOWN = 6;

    private ValueText() {
    }

    /// `float 1×3×224×224`, `int64 batch×seq`, `float scalar`; `?` for an unknown type.
    public static String type(TypeInfo type) {
        if (type == null) {
            return "?";
        }
        return switch (type) {
            case TypeInfo.TensorType t -> t.elementType().onnxName() + (t.shape() == null ? "" : " " + shape(t.shape()));
            case TypeInfo.SparseTensorType t -> "sparse " + t.elementType().onnxName()
                    + (t.shape() == null ? "" : " " + shape(t.shape()));
            default -> type.toString();
        };
    }

    /// `1×3×224×224` with symbolic dimensions by name and `?` for unknown ones; `scalar` for rank 0.
    public static String shape(Shape shape) {
        if (shape.rank() == 0) {
            return "scalar";
        }
        var j = new StringJoiner("×");
        for (var d : shape.dims()) {
            j.add(switch (d) {
                case Dim.Known k -> Long.toString(k.value());
                case Dim.Symbolic s -> s.name();
                case Dim.Unknown u -> "?";
            });
        }
        return j.toString();
    }

    /// `64×3×7×7`, or the values themselves for a tensor of a few numbers (`[1, -1]`, `0.5`).
    public static String tensorSummary(TensorData t) {
        long n = t.elementCount();
        boolean small = n == 1 || (n <= MAX_ELEMENTS_SHOWN && (t.elementType().isInteger() || t.elementType() == ElementType.BOOL));
        if (small && t.elementType() != ElementType.STRING && t.elementType().kind() != ElementType.Kind.COMPLEX) {
            try {
                var values = values(t, (int) n);
                return t.rank() == 0 ? values : "[" + values + "]";
            } catch (RuntimeException e) {
                return shape(t.shape());
            }
        }
        return shape(t.shape());
    }

    /// Attribute values in one short line, cut at `max` characters.
    public static String attribute(AttributeValue value, int max) {
        var text = switch (value) {
            case AttributeValue.IntValue(long v) -> Long.toString(v);
            case AttributeValue.FloatValue(float v) -> number(v);
            case AttributeValue.StringValue s -> s.text();
            case AttributeValue.Ints(long[] v) -> joinLongs(v);
            case AttributeValue.Floats(float[] v) -> joinFloats(v);
            case AttributeValue.Strings s -> String.join(", ", s.texts());
            case AttributeValue.TensorValue(TensorData t) -> t.elementType().onnxName() + " " + tensorSummary(t);
            case AttributeValue.GraphValue(var g) -> "graph (" + g.nodes().size() + " nodes)";
            case AttributeValue.Graphs(var gs) -> gs.size() + " graphs";
            case AttributeValue.TypeValue(var t) -> type(t);
            default -> value.type().name().toLowerCase(Locale.ROOT);
        };
        return text.length() <= max ? text : text.substring(0, Math.max(1, max - 1)) + "…";
    }

    /// A float without needless digits: `0.5`, `1e-05`.
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        var s = String.format(Locale.ROOT, "%.5g", v);
        if (s.contains("e")) {
            var parts = s.split("e");
            return stripZeros(parts[0]) + "e" + parts[1];
        }
        return stripZeros(s);
    }

    private static String stripZeros(String s) {
        if (!s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String values(TensorData t, int n) {
        var j = new StringJoiner(", ");
        var seg = t.bytes();
        float[] floats = t.toFloatArray();
        for (int i = 0; i < n; i++) {
            j.add(switch (t.elementType()) {
                case INT64 -> Long.toString(seg.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 8L * i));
                case INT32 -> Integer.toString(seg.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 4L * i));
                case BOOL -> seg.get(ValueLayout.JAVA_BYTE, i) != 0 ? "true" : "false";
                default -> t.elementType().isFloatingPoint() ? number(floats[i]) : Long.toString((long) floats[i]);
            });
        }
        return j.toString();
    }

    private static String joinLongs(long[] v) {
        var j = new StringJoiner(", ");
        for (long x : v) {
            j.add(Long.toString(x));
        }
        return j.toString();
    }

    private static String joinFloats(float[] v) {
        var j = new StringJoiner(", ");
        for (float x : v) {
            j.add(number(x));
        }
        return j.toString();
    }
}
