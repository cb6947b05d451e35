package dev.loupe.model;

import java.util.List;

/// The value of an attribute, one record per attribute type. Arrays are owned by the record: callers must
/// not modify them.
public sealed interface AttributeValue {

    AttributeType type();

    record FloatValue(float value) implements AttributeValue {
        public AttributeType type() { return AttributeType.FLOAT; }
    }

    record IntValue(long value) implements AttributeValue {
        public AttributeType type() { return AttributeType.INT; }
    }

    /// Bytes as stored (normally UTF-8 text).
    record StringValue(byte[] value) implements AttributeValue {
        public AttributeType type() { return AttributeType.STRING; }

        public String text() {
            return new String(value, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    record TensorValue(TensorData value) implements AttributeValue {
        public AttributeType type() { return AttributeType.TENSOR; }
    }

    record GraphValue(Graph value) implements AttributeValue {
        public AttributeType type() { return AttributeType.GRAPH; }
    }

    record SparseTensorValue(SparseTensor value) implements AttributeValue {
        public AttributeType type() { return AttributeType.SPARSE_TENSOR; }
    }

    record TypeValue(TypeInfo value) implements AttributeValue {
        public AttributeType type() { return AttributeType.TYPE_PROTO; }
    }

    record Floats(float[] values) implements AttributeValue {
        public AttributeType type() { return AttributeType.FLOATS; }
    }

    record Ints(long[] values) implements AttributeValue {
        public AttributeType type() { return AttributeType.INTS; }
    }

    record Strings(List<byte[]> values) implements AttributeValue {
        public AttributeType type() { return AttributeType.STRINGS; }

        public List<String> texts() {
            return values.stream().map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)).toList();
        }
    }

    record Tensors(List<TensorData> values) implements AttributeValue {
        public AttributeType type() { return AttributeType.TENSORS; }
    }

    record Graphs(List<Graph> values) implements AttributeValue {
        public AttributeType type() { return AttributeType.GRAPHS; }
    }

    record SparseTensors(List<SparseTensor> values) implements AttributeValue {
        public AttributeType type() { return AttributeType.SPARSE_TENSORS; }
    }

    record TypeValues(List<TypeInfo> values) implements AttributeValue {
        public AttributeType type() { return AttributeType.TYPE_PROTOS; }
    }

    /// An attribute whose type field is missing or unknown to this version of Loupe: it carries no value
    /// the model layer understands (anything the file held is kept in the attribute's extras).
    record Undefined() implements AttributeValue {
        public AttributeType type() { return AttributeType.UNDEFINED; }
    }
}
