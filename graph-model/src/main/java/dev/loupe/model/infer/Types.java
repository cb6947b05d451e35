package dev.loupe.model.infer;

import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import dev.loupe.model.Shape;
import dev.loupe.model.TypeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/// Combining, comparing and parsing types.
final class Types {

    private static final Map<String, ElementType> BY_ONNX_NAME = new HashMap<>();

    static {
        for (var t : ElementType.values()) {
            BY_ONNX_NAME.put(t.onnxName(), t);
        }
    }

    private Types() {
    }

    /// The most precise type both facts allow: `inferred` where it knows something, else `declared`. Either
    /// may be `null`.
    static TypeInfo refine(TypeInfo inferred, TypeInfo declared) {
        if (inferred == null || inferred instanceof TypeInfo.Unspecified) {
            return declared == null ? inferred : declared;
        }
        if (declared == null) {
            return inferred;
        }
        return switch (inferred) {
            case TypeInfo.TensorType a when declared instanceof TypeInfo.TensorType b -> new TypeInfo.TensorType(
                    a.elementType() != ElementType.UNDEFINED ? a.elementType() : b.elementType(),
                    refine(a.shape(), b.shape()), a.denotation() != null ? a.denotation() : b.denotation());
            case TypeInfo.SequenceType a when declared instanceof TypeInfo.SequenceType b ->
                    new TypeInfo.SequenceType(refine(a.elementType(), b.elementType()), a.denotation());
            case TypeInfo.OptionalType a when declared instanceof TypeInfo.OptionalType b ->
                    new TypeInfo.OptionalType(refine(a.elementType(), b.elementType()), a.denotation());
            default -> inferred;
        };
    }

    private static Shape refine(Shape a, Shape b) {
        if (a == null || b == null || a.rank() != b.rank()) {
            return a == null ? b : a;
        }
        var dims = new ArrayList<Dim>(a.rank());
        for (int i = 0; i < a.rank(); i++) {
            var da = a.dim(i);
            var db = b.dim(i);
            dims.add(da instanceof Dim.Known || db instanceof Dim.Unknown || da instanceof Dim.Symbolic && !(db instanceof Dim.Known)
                    ? da : db);
        }
        return new Shape(dims);
    }

    /// The type of a value that is one of two alternatives (the branches of `If`): what both agree on.
    static TypeInfo union(TypeInfo a, TypeInfo b) {
        if (a == null || b == null) {
            return withoutShapes(a == null ? b : a);
        }
        return switch (a) {
            case TypeInfo.TensorType x when b instanceof TypeInfo.TensorType y -> new TypeInfo.TensorType(
                    x.elementType() == y.elementType() ? x.elementType() : ElementType.UNDEFINED,
                    Shapes.union(x.shape(), y.shape()));
            case TypeInfo.SequenceType x when b instanceof TypeInfo.SequenceType y ->
                    new TypeInfo.SequenceType(union(x.elementType(), y.elementType()), null);
            case TypeInfo.OptionalType x when b instanceof TypeInfo.OptionalType y ->
                    new TypeInfo.OptionalType(union(x.elementType(), y.elementType()), null);
            default -> a.equals(b) ? a : null;
        };
    }

    /// `type` with every tensor shape in it forgotten: what is known of a value that may also be of an
    /// unknown type.
    private static TypeInfo withoutShapes(TypeInfo type) {
        return switch (type) {
            case TypeInfo.TensorType t -> new TypeInfo.TensorType(t.elementType(), null);
            case TypeInfo.SequenceType s -> new TypeInfo.SequenceType(withoutShapes(s.elementType()), null);
            case TypeInfo.OptionalType o -> new TypeInfo.OptionalType(withoutShapes(o.elementType()), null);
            case null, default -> type;
        };
    }

    /// Why `inferred` contradicts `declared` (different element types, ranks or known sizes), or `null`
    /// when they are compatible.
    static String contradiction(TypeInfo inferred, TypeInfo declared) {
        if (inferred instanceof TypeInfo.TensorType a && declared instanceof TypeInfo.TensorType b) {
            if (a.elementType() != ElementType.UNDEFINED && b.elementType() != ElementType.UNDEFINED
                    && a.elementType() != b.elementType()) {
                return "element type";
            }
            if (a.shape() != null && b.shape() != null) {
                if (a.shape().rank() != b.shape().rank()) {
                    return "rank";
                }
                for (int i = 0; i < a.shape().rank(); i++) {
                    if (Dims.conflict(a.shape().dim(i), b.shape().dim(i))) {
                        return "dimension " + i;
                    }
                }
            }
            return null;
        }
        if (inferred == null || declared == null || declared instanceof TypeInfo.Unspecified
                || inferred instanceof TypeInfo.Unspecified) {
            return null;
        }
        return inferred.getClass() != declared.getClass() ? "kind of type" : null;
    }

    /// Whether two types say exactly the same: element types, ranks and every dimension (sizes equal,
    /// symbols equal by name, unknown only against unknown). Denotations are ignored.
    static boolean agree(TypeInfo a, TypeInfo b) {
        if (a == null || b == null) {
            return a == b;
        }
        return switch (a) {
            case TypeInfo.TensorType x when b instanceof TypeInfo.TensorType y ->
                    x.elementType() == y.elementType() && agree(x.shape(), y.shape());
            case TypeInfo.SequenceType x when b instanceof TypeInfo.SequenceType y -> agree(x.elementType(), y.elementType());
            case TypeInfo.OptionalType x when b instanceof TypeInfo.OptionalType y -> agree(x.elementType(), y.elementType());
            case TypeInfo.MapType x when b instanceof TypeInfo.MapType y ->
                    x.keyType() == y.keyType() && agree(x.valueType(), y.valueType());
            case TypeInfo.SparseTensorType x when b instanceof TypeInfo.SparseTensorType y ->
                    x.elementType() == y.elementType() && agree(x.shape(), y.shape());
            default -> a.equals(b);
        };
    }

    private static boolean agree(Shape a, Shape b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.rank() != b.rank()) {
            return false;
        }
        for (int i = 0; i < a.rank(); i++) {
            var da = a.dim(i);
            var db = b.dim(i);
            if (!(Dims.sameSize(da, db) || da instanceof Dim.Unknown && db instanceof Dim.Unknown)) {
                return false;
            }
        }
        return true;
    }

    /// The element type of a tensor type, or `null` for other kinds and unknown element types.
    static ElementType elementType(TypeInfo type) {
        return type instanceof TypeInfo.TensorType t && t.elementType() != ElementType.UNDEFINED ? t.elementType() : null;
    }

    /// The element type named as in operator schemas (`float`, `int64`), or `null`.
    static ElementType elementType(String onnxName) {
        return BY_ONNX_NAME.get(onnxName);
    }

    /// Parses a schema type string (`tensor(float)`, `seq(tensor(int64))`, `map(string,tensor(float))`,
    /// `optional(...)`, `sparse_tensor(...)`) into a type without shape; `null` if it cannot.
    static TypeInfo parse(String s) {
        int open = s.indexOf('(');
        if (open < 0 || !s.endsWith(")")) {
            return null;
        }
        var kind = s.substring(0, open);
        var inner = s.substring(open + 1, s.length() - 1);
        return switch (kind) {
            case "tensor" -> elementType(inner) == null ? null : new TypeInfo.TensorType(elementType(inner), null);
            case "sparse_tensor" -> elementType(inner) == null ? null
                    : new TypeInfo.SparseTensorType(elementType(inner), null, null);
            case "seq" -> new TypeInfo.SequenceType(parse(inner), null);
            case "optional" -> new TypeInfo.OptionalType(parse(inner), null);
            case "map" -> {
                int comma = inner.indexOf(',');
                var key = comma < 0 ? null : elementType(inner.substring(0, comma).trim());
                yield key == null ? null : new TypeInfo.MapType(key, parse(inner.substring(comma + 1).trim()), null);
            }
            default -> null;
        };
    }
}
