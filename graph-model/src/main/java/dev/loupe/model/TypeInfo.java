package dev.loupe.model;

/// The type of a value: a tensor, a sparse tensor, a sequence, a map, an optional or an opaque type.
///
/// Each kind may carry a denotation (`IMAGE`, `TEXT`...), `null` when the file has none. A tensor type's
/// shape is `null` when even the rank is unknown.
public sealed interface TypeInfo {

    String denotation();

    record TensorType(ElementType elementType, Shape shape, String denotation) implements TypeInfo {
        public TensorType(ElementType elementType, Shape shape) {
            this(elementType, shape, null);
        }

        @Override
        public String toString() {
            return elementType.onnxName() + (shape == null ? "" : shape.toString());
        }
    }

    record SparseTensorType(ElementType elementType, Shape shape, String denotation) implements TypeInfo {
        @Override
        public String toString() {
            return "sparse_tensor(" + elementType.onnxName() + ")" + (shape == null ? "" : shape.toString());
        }
    }

    /// `elementType` is `null` when the file leaves it unstated.
    record SequenceType(TypeInfo elementType, String denotation) implements TypeInfo {
        @Override
        public String toString() {
            return "seq(" + elementType + ")";
        }
    }

    record MapType(ElementType keyType, TypeInfo valueType, String denotation) implements TypeInfo {
        @Override
        public String toString() {
            return "map(" + keyType.onnxName() + "," + valueType + ")";
        }
    }

    record OptionalType(TypeInfo elementType, String denotation) implements TypeInfo {
        @Override
        public String toString() {
            return "optional(" + elementType + ")";
        }
    }

    record OpaqueType(String domain, String name, String denotation) implements TypeInfo {
        @Override
        public String toString() {
            return "opaque(" + domain + "," + name + ")";
        }
    }

    /// A type entry that is present in the file but says nothing.
    record Unspecified(String denotation) implements TypeInfo {
        @Override
        public String toString() {
            return "?";
        }
    }

    static TypeInfo tensor(ElementType type, long... dims) {
        return new TensorType(type, Shape.of(dims));
    }
}
