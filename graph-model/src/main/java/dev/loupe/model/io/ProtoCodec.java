package dev.loupe.model.io;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.loupe.model.Attribute;
import dev.loupe.model.DataValue;
import dev.loupe.model.ElementType;
import dev.loupe.model.Function;
import dev.loupe.model.StringEntry;
import dev.loupe.model.TensorData;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.io.proto.OnnxDataProtos.MapProto;
import dev.loupe.model.io.proto.OnnxDataProtos.OptionalProto;
import dev.loupe.model.io.proto.OnnxDataProtos.SequenceProto;
import dev.loupe.model.io.proto.OnnxProtos.AttributeProto;
import dev.loupe.model.io.proto.OnnxProtos.FunctionProto;
import dev.loupe.model.io.proto.OnnxProtos.TensorProto;

import java.util.ArrayList;
import java.util.List;

/// Encodes and decodes single ONNX messages that live outside a model file: tensors and other values in
/// test data (`input_0.pb`), and the attribute defaults and function bodies of operator schemas.
public final class ProtoCodec {

    private static final ModelToProto INLINE = new ModelToProto(t -> null);

    private ProtoCodec() {
    }

    /// A serialized `AttributeProto`.
    public static Attribute attributeFromBytes(byte[] bytes) throws ModelIOException {
        try {
            return decoder().attribute(AttributeProto.parseFrom(bytes), null);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelIOException("not a valid attribute: " + ModelReader.oneLine(e));
        }
    }

    /// A serialized `FunctionProto`.
    public static Function functionFromBytes(byte[] bytes) throws ModelIOException {
        try {
            return decoder().function(FunctionProto.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new ModelIOException("not a valid function: " + ModelReader.oneLine(e));
        }
    }

    /// A serialized `TensorProto` (values inline; external data is refused).
    public static TensorData tensorFromBytes(byte[] bytes) throws ModelIOException {
        try {
            return decoder().tensor(TensorProto.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new ModelIOException("not a valid tensor file: " + ModelReader.oneLine(e));
        }
    }

    /// Serializes a tensor with its values inline.
    public static byte[] tensorToBytes(TensorData tensor) throws ModelIOException {
        return INLINE.tensor(tensor).toByteArray();
    }

    /// Reads a test-data value whose expected type says which message it is: a `SequenceProto`,
    /// `OptionalProto` or `MapProto` for those types, a `TensorProto` otherwise (or when `expected` is `null`).
    public static DataValue dataValueFromBytes(byte[] bytes, TypeInfo expected) throws ModelIOException {
        try {
            return switch (expected) {
                case TypeInfo.SequenceType s -> sequence(SequenceProto.parseFrom(bytes));
                case TypeInfo.OptionalType o -> optional(OptionalProto.parseFrom(bytes));
                case TypeInfo.MapType m -> map(MapProto.parseFrom(bytes));
                case null, default -> new DataValue.TensorValue(tensorFromBytes(bytes));
            };
        } catch (InvalidProtocolBufferException e) {
            throw new ModelIOException("not a valid value file: " + ModelReader.oneLine(e));
        }
    }

    /// Serializes a value as the message its kind calls for, named `name`.
    public static byte[] dataValueToBytes(DataValue value, String name) throws ModelIOException {
        return switch (value) {
            case DataValue.TensorValue t -> INLINE.tensor(t.tensor().withName(name)).toByteArray();
            case DataValue.SequenceValue s -> sequenceProto(s, name).toByteArray();
            case DataValue.OptionalValue o -> optionalProto(o, name).toByteArray();
            case DataValue.MapValue m -> mapProto(m, name).toByteArray();
        };
    }

    private static ProtoToModel decoder() {
        return new ProtoToModel(null, null);
    }

    private static DataValue sequence(SequenceProto p) throws ModelIOException {
        var out = new ArrayList<DataValue>();
        for (var t : p.getTensorValuesList()) {
            out.add(new DataValue.TensorValue(decoder().tensor(t)));
        }
        for (var s : p.getSequenceValuesList()) {
            out.add(sequence(s));
        }
        for (var m : p.getMapValuesList()) {
            out.add(map(m));
        }
        for (var o : p.getOptionalValuesList()) {
            out.add(optional(o));
        }
        return new DataValue.SequenceValue(out);
    }

    private static DataValue optional(OptionalProto p) throws ModelIOException {
        if (p.hasTensorValue()) {
            return new DataValue.OptionalValue(new DataValue.TensorValue(decoder().tensor(p.getTensorValue())));
        }
        if (p.hasSequenceValue()) {
            return new DataValue.OptionalValue(sequence(p.getSequenceValue()));
        }
        if (p.hasMapValue()) {
            return new DataValue.OptionalValue(map(p.getMapValue()));
        }
        if (p.hasOptionalValue()) {
            return new DataValue.OptionalValue(optional(p.getOptionalValue()));
        }
        return new DataValue.OptionalValue(null);
    }

    private static DataValue map(MapProto p) throws ModelIOException {
        TensorData keys;
        if (p.getStringKeysCount() > 0) {
            keys = TensorData.ofStrings("keys", new long[] {p.getStringKeysCount()},
                    p.getStringKeysList().stream().map(com.google.protobuf.ByteString::toByteArray).toList());
        } else {
            keys = TensorData.ofLongs("keys", new long[] {p.getKeysCount()}, p.getKeysList().stream().mapToLong(Long::longValue).toArray());
        }
        var values = p.hasValues() ? ((DataValue.SequenceValue) sequence(p.getValues())).elements() : List.<DataValue>of();
        return new DataValue.MapValue(keys, values);
    }

    private static SequenceProto sequenceProto(DataValue.SequenceValue s, String name) throws ModelIOException {
        var b = SequenceProto.newBuilder().setName(name);
        int kind = SequenceProto.DataType.TENSOR_VALUE;
        for (var e : s.elements()) {
            switch (e) {
                case DataValue.TensorValue t -> b.addTensorValues(INLINE.tensor(t.tensor()));
                case DataValue.SequenceValue inner -> {
                    b.addSequenceValues(sequenceProto(inner, ""));
                    kind = SequenceProto.DataType.SEQUENCE_VALUE;
                }
                case DataValue.MapValue m -> {
                    b.addMapValues(mapProto(m, ""));
                    kind = SequenceProto.DataType.MAP_VALUE;
                }
                case DataValue.OptionalValue o -> {
                    b.addOptionalValues(optionalProto(o, ""));
                    kind = SequenceProto.DataType.OPTIONAL_VALUE;
                }
            }
        }
        return b.setElemType(kind).build();
    }

    private static OptionalProto optionalProto(DataValue.OptionalValue o, String name) throws ModelIOException {
        var b = OptionalProto.newBuilder().setName(name);
        switch (o.value()) {
            case null -> b.setElemType(OptionalProto.DataType.UNDEFINED_VALUE);
            case DataValue.TensorValue t -> b.setElemType(OptionalProto.DataType.TENSOR_VALUE).setTensorValue(INLINE.tensor(t.tensor()));
            case DataValue.SequenceValue s -> b.setElemType(OptionalProto.DataType.SEQUENCE_VALUE).setSequenceValue(sequenceProto(s, ""));
            case DataValue.MapValue m -> b.setElemType(OptionalProto.DataType.MAP_VALUE).setMapValue(mapProto(m, ""));
            case DataValue.OptionalValue inner -> b.setElemType(OptionalProto.DataType.OPTIONAL_VALUE).setOptionalValue(optionalProto(inner, ""));
        }
        return b.build();
    }

    private static MapProto mapProto(DataValue.MapValue m, String name) throws ModelIOException {
        var b = MapProto.newBuilder().setName(name).setKeyType(m.keys().elementType().code());
        if (m.keys().elementType() == ElementType.STRING) {
            m.keys().strings().forEach(k -> b.addStringKeys(com.google.protobuf.ByteString.copyFrom(k)));
        } else {
            var seg = m.keys().bytes();
            for (long i = 0; i < m.keys().elementCount(); i++) {
                b.addKeys(seg.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, 8 * i));
            }
        }
        return b.setValues(sequenceProto(new DataValue.SequenceValue(m.values()), "")).build();
    }

    /// Entries for tests and tools that build external-data references by hand.
    static List<StringEntry> entries(String location, long offset, long length) {
        return List.of(new StringEntry("location", location), new StringEntry("offset", Long.toString(offset)),
                new StringEntry("length", Long.toString(length)));
    }
}
