package dev.loupe.model.io;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.Dim;
import dev.loupe.model.Function;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.Opaque;
import dev.loupe.model.OpsetId;
import dev.loupe.model.Shape;
import dev.loupe.model.SparseTensor;
import dev.loupe.model.StringEntry;
import dev.loupe.model.TensorData;
import dev.loupe.model.TensorStorage;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;
import dev.loupe.model.io.proto.OnnxProtos.AttributeProto;
import dev.loupe.model.io.proto.OnnxProtos.FunctionProto;
import dev.loupe.model.io.proto.OnnxProtos.GraphProto;
import dev.loupe.model.io.proto.OnnxProtos.ModelProto;
import dev.loupe.model.io.proto.OnnxProtos.NodeProto;
import dev.loupe.model.io.proto.OnnxProtos.OperatorSetIdProto;
import dev.loupe.model.io.proto.OnnxProtos.SparseTensorProto;
import dev.loupe.model.io.proto.OnnxProtos.StringStringEntryProto;
import dev.loupe.model.io.proto.OnnxProtos.TensorAnnotation;
import dev.loupe.model.io.proto.OnnxProtos.TensorProto;
import dev.loupe.model.io.proto.OnnxProtos.TensorShapeProto;
import dev.loupe.model.io.proto.OnnxProtos.TrainingInfoProto;
import dev.loupe.model.io.proto.OnnxProtos.TypeProto;
import dev.loupe.model.io.proto.OnnxProtos.ValueInfoProto;

import java.util.List;

/// Turns the neutral model back into protobuf messages: the inverse of [ProtoToModel]. Tensor payloads are
/// wrapped, not copied; where each tensor's values go (inline or an external file) is the [Placement]'s call.
final class ModelToProto {

    /// Decides where a tensor's values are written.
    interface Placement {
        /// The `external_data` entries when `tensor` goes to an external file, or `null` to write it inline.
        List<StringEntry> place(TensorData tensor) throws ModelIOException;
    }

    private final Placement placement;

    ModelToProto(Placement placement) {
        this.placement = placement;
    }

    ModelProto model(Model m) throws ModelIOException {
        var b = ModelProto.newBuilder();
        if (m.irVersion() != null) {
            b.setIrVersion(m.irVersion());
        }
        for (var o : m.opsetImports()) {
            b.addOpsetImport(opset(o));
        }
        if (m.producerName() != null) b.setProducerName(m.producerName());
        if (m.producerVersion() != null) b.setProducerVersion(m.producerVersion());
        if (m.domain() != null) b.setDomain(m.domain());
        if (m.modelVersion() != null) b.setModelVersion(m.modelVersion());
        if (m.docString() != null) b.setDocString(m.docString());
        if (m.graph() != null) {
            b.setGraph(graph(m.graph()));
        }
        b.addAllMetadataProps(entries(m.metadataProps()));
        for (var t : m.trainingInfos()) {
            var tb = TrainingInfoProto.newBuilder();
            if (t.initialization() != null) tb.setInitialization(graph(t.initialization()));
            if (t.algorithm() != null) tb.setAlgorithm(graph(t.algorithm()));
            tb.addAllInitializationBinding(entries(t.initializationBinding())).addAllUpdateBinding(entries(t.updateBinding()));
            b.addTrainingInfo((TrainingInfoProto) merge(tb, t.extras()));
        }
        for (var f : m.functions()) {
            b.addFunctions(function(f));
        }
        return merge(b, m.extras());
    }

    FunctionProto function(Function f) throws ModelIOException {
        var b = FunctionProto.newBuilder().setName(f.name());
        if (f.domain() != null) b.setDomain(f.domain());
        if (f.overload() != null) b.setOverload(f.overload());
        f.body().inputs().forEach(v -> b.addInput(v.name()));
        f.body().outputs().forEach(v -> b.addOutput(v.name()));
        b.addAllAttribute(f.attributeNames());
        for (var a : f.attributeDefaults()) {
            b.addAttributeProto(attribute(a));
        }
        for (var n : f.body().nodes()) {
            b.addNode(node(n));
        }
        f.opsetImports().forEach(o -> b.addOpsetImport(opset(o)));
        if (f.docString() != null) b.setDocString(f.docString());
        for (var v : f.body().valueInfos()) {
            b.addValueInfo(valueInfo(v));
        }
        b.addAllMetadataProps(entries(f.metadataProps()));
        return merge(b, f.extras());
    }

    GraphProto graph(Graph g) throws ModelIOException {
        var b = GraphProto.newBuilder();
        if (g.name() != null) b.setName(g.name());
        if (g.docString() != null) b.setDocString(g.docString());
        for (var n : g.nodes()) {
            b.addNode(node(n));
        }
        for (var v : g.initializers()) {
            var t = tensor(v.initializer());
            // The value's name wins: a renamed value keeps the tensor it had, under its old name.
            b.addInitializer(t.getName().equals(v.name()) ? t : t.toBuilder().setName(v.name()).build());
        }
        for (var s : g.sparseInitializers()) {
            b.addSparseInitializer(sparse(s));
        }
        for (var v : g.inputs()) {
            b.addInput(valueInfo(v));
        }
        for (var v : g.outputs()) {
            b.addOutput(valueInfo(v));
        }
        for (var v : g.valueInfos()) {
            b.addValueInfo(valueInfo(v));
        }
        for (var a : g.quantizationAnnotations()) {
            b.addQuantizationAnnotation(TensorAnnotation.newBuilder().setTensorName(a.tensorName())
                    .addAllQuantParameterTensorNames(entries(a.quantParameterTensorNames())));
        }
        b.addAllMetadataProps(entries(g.metadataProps()));
        return merge(b, g.extras());
    }

    private NodeProto node(Node n) throws ModelIOException {
        var b = NodeProto.newBuilder();
        for (var v : n.inputs()) {
            b.addInput(v == null ? "" : v.name());
        }
        for (var v : n.outputs()) {
            b.addOutput(v == null ? "" : v.name());
        }
        if (n.name() != null) b.setName(n.name());
        if (n.opType() != null) b.setOpType(n.opType());
        if (n.domain() != null) b.setDomain(n.domain());
        if (n.overload() != null) b.setOverload(n.overload());
        for (var a : n.attributes().values()) {
            b.addAttribute(attribute(a));
        }
        if (n.docString() != null) b.setDocString(n.docString());
        b.addAllMetadataProps(entries(n.metadataProps()));
        return merge(b, n.extras());
    }

    AttributeProto attribute(Attribute a) throws ModelIOException {
        var b = AttributeProto.newBuilder().setName(a.name());
        if (a.refAttrName() != null) b.setRefAttrName(a.refAttrName());
        if (a.docString() != null) b.setDocString(a.docString());
        if (a.declaredType() != null) b.setType(AttributeProto.AttributeType.forNumber(a.declaredType().code()));
        switch (a.value()) {
            case AttributeValue.FloatValue(float f) -> b.setF(f);
            case AttributeValue.IntValue(long i) -> b.setI(i);
            case AttributeValue.StringValue(byte[] s) -> b.setS(ByteString.copyFrom(s));
            case AttributeValue.TensorValue(TensorData t) -> b.setT(tensor(t));
            case AttributeValue.GraphValue(Graph g) -> b.setG(graph(g));
            case AttributeValue.SparseTensorValue(SparseTensor s) -> b.setSparseTensor(sparse(s));
            case AttributeValue.TypeValue(TypeInfo t) -> b.setTp(type(t));
            case AttributeValue.Floats(float[] fs) -> {
                for (float f : fs) b.addFloats(f);
            }
            case AttributeValue.Ints(long[] is) -> {
                for (long i : is) b.addInts(i);
            }
            case AttributeValue.Strings(List<byte[]> ss) -> ss.forEach(s -> b.addStrings(ByteString.copyFrom(s)));
            case AttributeValue.Tensors(List<TensorData> ts) -> {
                for (var t : ts) b.addTensors(tensor(t));
            }
            case AttributeValue.Graphs(List<Graph> gs) -> {
                for (var g : gs) b.addGraphs(graph(g));
            }
            case AttributeValue.SparseTensors(List<SparseTensor> ss) -> {
                for (var s : ss) b.addSparseTensors(sparse(s));
            }
            case AttributeValue.TypeValues(List<TypeInfo> ts) -> ts.forEach(t -> b.addTypeProtos(type(t)));
            case AttributeValue.Undefined u -> { }
        }
        return merge(b, a.extras());
    }

    private SparseTensorProto sparse(SparseTensor s) throws ModelIOException {
        var b = SparseTensorProto.newBuilder();
        if (s.values() != null) b.setValues(tensor(s.values()));
        if (s.indices() != null) b.setIndices(tensor(s.indices()));
        for (long d : s.dims()) b.addDims(d);
        return merge(b, s.extras());
    }

    TensorProto tensor(TensorData t) throws ModelIOException {
        var b = TensorProto.newBuilder();
        for (long d : t.dims()) b.addDims(d);
        b.setDataType(t.elementType().code());
        if (t.name() != null) b.setName(t.name());
        if (t.docString() != null) b.setDocString(t.docString());
        b.addAllMetadataProps(entries(t.metadataProps()));
        var external = t.elementType() == dev.loupe.model.ElementType.STRING ? null : placement.place(t);
        if (external != null) {
            b.setDataLocation(TensorProto.DataLocation.EXTERNAL).addAllExternalData(entries(external));
        } else {
            switch (t.storage()) {
                case TensorStorage.Typed typed -> writeTyped(b, typed);
                case TensorStorage.Raw raw -> b.setRawData(wrap(t, raw.bytes()));
                case TensorStorage.External ext -> b.setRawData(wrap(t, ext.bytes()));
            }
        }
        return merge(b, t.extras());
    }

    private static ByteString wrap(TensorData t, java.lang.foreign.MemorySegment bytes) throws ModelIOException {
        if (bytes.byteSize() > Integer.MAX_VALUE - 64) {
            throw new ModelIOException("tensor '" + t.name() + "' is over 2 GB and cannot be stored inside the model: save with external data");
        }
        return UnsafeByteOperations.unsafeWrap(bytes.asByteBuffer());
    }

    @SuppressWarnings("unchecked")
    private static void writeTyped(TensorProto.Builder b, TensorStorage.Typed typed) {
        switch (typed.field()) {
            case FLOAT_DATA -> {
                for (float f : (float[]) typed.values()) b.addFloatData(f);
            }
            case INT32_DATA -> {
                for (int i : (int[]) typed.values()) b.addInt32Data(i);
            }
            case INT64_DATA -> {
                for (long l : (long[]) typed.values()) b.addInt64Data(l);
            }
            case UINT64_DATA -> {
                for (long l : (long[]) typed.values()) b.addUint64Data(l);
            }
            case DOUBLE_DATA -> {
                for (double d : (double[]) typed.values()) b.addDoubleData(d);
            }
            case STRING_DATA -> ((List<byte[]>) typed.values()).forEach(s -> b.addStringData(ByteString.copyFrom(s)));
        }
    }

    private static ValueInfoProto valueInfo(Value v) {
        var b = ValueInfoProto.newBuilder().setName(v.name());
        if (v.type() != null) b.setType(type(v.type()));
        if (v.docString() != null) b.setDocString(v.docString());
        b.addAllMetadataProps(entries(v.metadataProps()));
        return merge(b, v.extras());
    }

    static TypeProto type(TypeInfo t) {
        var b = TypeProto.newBuilder();
        if (t.denotation() != null) b.setDenotation(t.denotation());
        switch (t) {
            case TypeInfo.TensorType tt -> {
                var tb = TypeProto.Tensor.newBuilder().setElemType(tt.elementType().code());
                if (tt.shape() != null) tb.setShape(shape(tt.shape()));
                b.setTensorType(tb);
            }
            case TypeInfo.SparseTensorType st -> {
                var sb = TypeProto.SparseTensor.newBuilder().setElemType(st.elementType().code());
                if (st.shape() != null) sb.setShape(shape(st.shape()));
                b.setSparseTensorType(sb);
            }
            case TypeInfo.SequenceType s -> {
                var sb = TypeProto.Sequence.newBuilder();
                if (s.elementType() != null) sb.setElemType(type(s.elementType()));
                b.setSequenceType(sb);
            }
            case TypeInfo.MapType m -> {
                var mb = TypeProto.Map.newBuilder().setKeyType(m.keyType().code());
                if (m.valueType() != null) mb.setValueType(type(m.valueType()));
                b.setMapType(mb);
            }
            case TypeInfo.OptionalType o -> {
                var ob = TypeProto.Optional.newBuilder();
                if (o.elementType() != null) ob.setElemType(type(o.elementType()));
                b.setOptionalType(ob);
            }
            case TypeInfo.OpaqueType o -> b.setOpaqueType(TypeProto.Opaque.newBuilder().setDomain(o.domain()).setName(o.name()));
            case TypeInfo.Unspecified u -> { }
        }
        return b.build();
    }

    private static TensorShapeProto shape(Shape s) {
        var b = TensorShapeProto.newBuilder();
        for (var d : s.dims()) {
            var db = TensorShapeProto.Dimension.newBuilder();
            switch (d) {
                case Dim.Known k -> db.setDimValue(k.value());
                case Dim.Symbolic sym -> db.setDimParam(sym.name());
                case Dim.Unknown u -> { }
            }
            if (d.denotation() != null) db.setDenotation(d.denotation());
            b.addDim(db);
        }
        return b.build();
    }

    private static OperatorSetIdProto opset(OpsetId o) {
        var b = OperatorSetIdProto.newBuilder().setVersion(o.version());
        if (o.domain() != null) b.setDomain(o.domain());
        return b.build();
    }

    static List<StringStringEntryProto> entries(List<StringEntry> list) {
        return list.stream().map(e -> StringStringEntryProto.newBuilder().setKey(e.key()).setValue(e.value()).build()).toList();
    }

    /// Adds back the fields kept as extras; they were serialized from the same message type.
    @SuppressWarnings("unchecked")
    private static <M extends com.google.protobuf.Message, B extends com.google.protobuf.Message.Builder> M merge(B builder, Opaque extras) {
        if (!extras.isEmpty()) {
            try {
                builder.mergeFrom(extras.bytes());
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("kept fields no longer parse", e);
            }
        }
        return (M) builder.build();
    }
}
