package dev.loupe.model.io;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeType;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import dev.loupe.model.Function;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Opaque;
import dev.loupe.model.OpsetId;
import dev.loupe.model.Shape;
import dev.loupe.model.SparseTensor;
import dev.loupe.model.StringEntry;
import dev.loupe.model.TensorAnnotation;
import dev.loupe.model.TensorData;
import dev.loupe.model.TensorStorage;
import dev.loupe.model.TrainingInfo;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;
import dev.loupe.model.io.proto.OnnxProtos.AttributeProto;
import dev.loupe.model.io.proto.OnnxProtos.FunctionProto;
import dev.loupe.model.io.proto.OnnxProtos.GraphProto;
import dev.loupe.model.io.proto.OnnxProtos.ModelProto;
import dev.loupe.model.io.proto.OnnxProtos.NodeProto;
import dev.loupe.model.io.proto.OnnxProtos.SparseTensorProto;
import dev.loupe.model.io.proto.OnnxProtos.StringStringEntryProto;
import dev.loupe.model.io.proto.OnnxProtos.TensorProto;
import dev.loupe.model.io.proto.OnnxProtos.TensorShapeProto;
import dev.loupe.model.io.proto.OnnxProtos.TypeProto;
import dev.loupe.model.io.proto.OnnxProtos.ValueInfoProto;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/// Turns parsed protobuf messages into the neutral model. Everything the neutral model does not represent
/// is kept, serialized, in the element's [Opaque] extras, so that [ModelToProto] gives back an equal message.
final class ProtoToModel {

    private final MemorySegment file;
    private final ExternalDataResolver external;

    /// @param file the mapped model file that lazy `raw_data` markers point into, or `null`
    /// @param external resolves external data, or `null` when there is no folder to resolve against
    ProtoToModel(MemorySegment file, ExternalDataResolver external) {
        this.file = file;
        this.external = external;
    }

    Model model(ModelProto p) throws ModelIOException {
        var graph = p.hasGraph() ? graph(p.getGraph(), null) : null;
        var m = new Model(graph);
        if (p.hasIrVersion()) {
            m.setIrVersion(p.getIrVersion());
        }
        for (var o : p.getOpsetImportList()) {
            m.opsetImports().add(new OpsetId(o.hasDomain() ? o.getDomain() : null, o.getVersion()));
        }
        m.setProducerName(p.hasProducerName() ? p.getProducerName() : null);
        m.setProducerVersion(p.hasProducerVersion() ? p.getProducerVersion() : null);
        m.setDomain(p.hasDomain() ? p.getDomain() : null);
        m.setModelVersion(p.hasModelVersion() ? p.getModelVersion() : null);
        m.setDocString(p.hasDocString() ? p.getDocString() : null);
        m.setMetadataProps(entries(p.getMetadataPropsList()));
        for (var f : p.getFunctionsList()) {
            m.functions().add(function(f));
        }
        for (var t : p.getTrainingInfoList()) {
            m.trainingInfos().add(new TrainingInfo(
                    t.hasInitialization() ? graph(t.getInitialization(), graph) : null,
                    t.hasAlgorithm() ? graph(t.getAlgorithm(), graph) : null,
                    entries(t.getInitializationBindingList()), entries(t.getUpdateBindingList()),
                    extras(t.getUnknownFields())));
        }
        if (p.getConfigurationCount() > 0 || !p.getUnknownFields().asMap().isEmpty()) {
            m.setExtras(new Opaque(ModelProto.newBuilder().addAllConfiguration(p.getConfigurationList())
                    .setUnknownFields(p.getUnknownFields()).build().toByteArray()));
        }
        return m;
    }

    Function function(FunctionProto p) throws ModelIOException {
        var body = new Graph(null, p.getName());
        for (var name : p.getInputList()) {
            body.addInput(body.valueOrCreate(name));
        }
        nodes(body, p.getNodeList());
        for (var name : p.getOutputList()) {
            body.addOutput(lookupOrCreate(body, name));
        }
        for (var vi : p.getValueInfoList()) {
            body.addValueInfo(valueInfo(body, vi));
        }
        var f = new Function(p.getName(), p.hasDomain() ? p.getDomain() : null, body);
        f.setOverload(p.hasOverload() ? p.getOverload() : null);
        f.setAttributeNames(p.getAttributeList());
        var defaults = new ArrayList<Attribute>();
        for (var a : p.getAttributeProtoList()) {
            defaults.add(attribute(a, body));
        }
        f.setAttributeDefaults(defaults);
        f.setOpsetImports(p.getOpsetImportList().stream()
                .map(o -> new OpsetId(o.hasDomain() ? o.getDomain() : null, o.getVersion())).toList());
        f.setDocString(p.hasDocString() ? p.getDocString() : null);
        f.setMetadataProps(entries(p.getMetadataPropsList()));
        f.setExtras(extras(p.getUnknownFields()));
        return f;
    }

    Graph graph(GraphProto p, Graph parent) throws ModelIOException {
        var g = new Graph(parent, p.hasName() ? p.getName() : null);
        g.setDocString(p.hasDocString() ? p.getDocString() : null);
        for (var vi : p.getInputList()) {
            g.addInput(valueInfo(g, vi));
        }
        for (var t : p.getInitializerList()) {
            var tensor = tensor(t);
            var value = g.valueOrCreate(t.getName());
            if (value.isInitializer()) {
                throw new ModelIOException("initializer '" + t.getName() + "' is defined more than once");
            }
            g.setInitializer(value, tensor);
        }
        for (var s : p.getSparseInitializerList()) {
            g.addSparseInitializer(sparse(s));
        }
        nodes(g, p.getNodeList());
        for (var vi : p.getOutputList()) {
            var v = lookupOrCreate(g, vi.getName());
            applyValueInfo(v, vi);
            g.addOutput(v);
        }
        for (var vi : p.getValueInfoList()) {
            g.addValueInfo(valueInfo(g, vi));
        }
        g.setQuantizationAnnotations(p.getQuantizationAnnotationList().stream()
                .map(a -> new TensorAnnotation(a.getTensorName(), entries(a.getQuantParameterTensorNamesList()))).toList());
        g.setMetadataProps(entries(p.getMetadataPropsList()));
        g.setExtras(extras(p.getUnknownFields()));
        return g;
    }

    /// Creates all nodes and their outputs first, then wires inputs and converts attributes, so that names
    /// used before their definition and subgraphs referring to later values resolve to the right value.
    private void nodes(Graph g, List<NodeProto> protos) throws ModelIOException {
        var created = new ArrayList<dev.loupe.model.Node>(protos.size());
        for (var np : protos) {
            var node = g.addNode(np.hasName() ? np.getName() : null, np.getOpType(), np.hasDomain() ? np.getDomain() : null);
            for (var out : np.getOutputList()) {
                if (out.isEmpty()) {
                    node.addOutput(null);
                    continue;
                }
                var v = g.valueOrCreate(out);
                if (v.producer() != null || v.isInitializer() || v.isGraphInput()) {
                    throw new ModelIOException("value '" + out + "' is assigned more than once (by " + node
                            + (v.producer() != null ? " and " + v.producer() : " and as a graph input or initializer") + ")");
                }
                node.addOutput(v);
            }
            created.add(node);
        }
        for (int i = 0; i < protos.size(); i++) {
            var np = protos.get(i);
            var node = created.get(i);
            for (var in : np.getInputList()) {
                node.addInput(in.isEmpty() ? null : lookupOrCreate(g, in));
            }
            for (var a : np.getAttributeList()) {
                node.setAttribute(attribute(a, g));
            }
            node.setOverload(np.hasOverload() ? np.getOverload() : null);
            node.setDocString(np.hasDocString() ? np.getDocString() : null);
            node.setMetadataProps(entries(np.getMetadataPropsList()));
            if (np.getDeviceConfigurationsCount() > 0 || !np.getUnknownFields().asMap().isEmpty()) {
                node.setExtras(new Opaque(NodeProto.newBuilder().addAllDeviceConfigurations(np.getDeviceConfigurationsList())
                        .setUnknownFields(np.getUnknownFields()).build().toByteArray()));
            }
        }
    }

    /// A local value, else one from an enclosing scope, else a new undefined local value.
    private static Value lookupOrCreate(Graph g, String name) {
        var v = g.resolve(name);
        return v != null ? v : g.valueOrCreate(name);
    }

    private Value valueInfo(Graph g, ValueInfoProto vi) throws ModelIOException {
        var v = g.valueOrCreate(vi.getName());
        applyValueInfo(v, vi);
        return v;
    }

    private void applyValueInfo(Value v, ValueInfoProto vi) throws ModelIOException {
        if (vi.hasType() && (v.type() == null)) {
            v.setType(type(vi.getType(), vi.getName()));
        }
        if (vi.hasDocString()) {
            v.setDocString(vi.getDocString());
        }
        if (vi.getMetadataPropsCount() > 0) {
            v.setMetadataProps(entries(vi.getMetadataPropsList()));
        }
        if (!vi.getUnknownFields().asMap().isEmpty()) {
            v.setExtras(extras(vi.getUnknownFields()));
        }
    }

    Attribute attribute(AttributeProto a, Graph scope) throws ModelIOException {
        var declared = a.hasType() ? AttributeType.fromCode(a.getType().getNumber()) : null;
        var type = declared != null ? declared : impliedType(a);
        AttributeValue value = switch (type) {
            case FLOAT -> new AttributeValue.FloatValue(a.getF());
            case INT -> new AttributeValue.IntValue(a.getI());
            case STRING -> new AttributeValue.StringValue(a.getS().toByteArray());
            case TENSOR -> new AttributeValue.TensorValue(tensor(a.getT()));
            case GRAPH -> new AttributeValue.GraphValue(graph(a.getG(), scope));
            case SPARSE_TENSOR -> new AttributeValue.SparseTensorValue(sparse(a.getSparseTensor()));
            case TYPE_PROTO -> new AttributeValue.TypeValue(type(a.getTp(), a.getName()));
            case FLOATS -> new AttributeValue.Floats(toFloatArray(a.getFloatsList()));
            case INTS -> new AttributeValue.Ints(a.getIntsList().stream().mapToLong(Long::longValue).toArray());
            case STRINGS -> new AttributeValue.Strings(a.getStringsList().stream().map(ByteString::toByteArray).toList());
            case TENSORS -> {
                var list = new ArrayList<TensorData>();
                for (var t : a.getTensorsList()) {
                    list.add(tensor(t));
                }
                yield new AttributeValue.Tensors(list);
            }
            case GRAPHS -> {
                var list = new ArrayList<Graph>();
                for (var sub : a.getGraphsList()) {
                    list.add(graph(sub, scope));
                }
                yield new AttributeValue.Graphs(list);
            }
            case SPARSE_TENSORS -> {
                var list = new ArrayList<SparseTensor>();
                for (var s : a.getSparseTensorsList()) {
                    list.add(sparse(s));
                }
                yield new AttributeValue.SparseTensors(list);
            }
            case TYPE_PROTOS -> {
                var list = new ArrayList<TypeInfo>();
                for (var t : a.getTypeProtosList()) {
                    list.add(type(t, a.getName()));
                }
                yield new AttributeValue.TypeValues(list);
            }
            case UNDEFINED -> new AttributeValue.Undefined();
        };
        Opaque extras = Opaque.NONE;
        if (setValueFields(a) > (type == AttributeType.UNDEFINED ? 0 : 1) || !a.getUnknownFields().asMap().isEmpty()
                || (declared == AttributeType.UNDEFINED && a.hasType())) {
            extras = new Opaque(clearModelled(a.toBuilder(), type).build().toByteArray());
        }
        return new Attribute(a.getName(), value, a.hasRefAttrName() ? a.getRefAttrName() : null,
                a.hasDocString() ? a.getDocString() : null, declared, extras);
    }

    private static AttributeProto.Builder clearModelled(AttributeProto.Builder b, AttributeType type) {
        b.clearName().clearRefAttrName().clearDocString().clearType();
        switch (type) {
            case FLOAT -> b.clearF();
            case INT -> b.clearI();
            case STRING -> b.clearS();
            case TENSOR -> b.clearT();
            case GRAPH -> b.clearG();
            case SPARSE_TENSOR -> b.clearSparseTensor();
            case TYPE_PROTO -> b.clearTp();
            case FLOATS -> b.clearFloats();
            case INTS -> b.clearInts();
            case STRINGS -> b.clearStrings();
            case TENSORS -> b.clearTensors();
            case GRAPHS -> b.clearGraphs();
            case SPARSE_TENSORS -> b.clearSparseTensors();
            case TYPE_PROTOS -> b.clearTypeProtos();
            case UNDEFINED -> { }
        }
        return b;
    }

    private static int setValueFields(AttributeProto a) {
        int n = 0;
        n += a.hasF() ? 1 : 0;
        n += a.hasI() ? 1 : 0;
        n += a.hasS() ? 1 : 0;
        n += a.hasT() ? 1 : 0;
        n += a.hasG() ? 1 : 0;
        n += a.hasSparseTensor() ? 1 : 0;
        n += a.hasTp() ? 1 : 0;
        n += a.getFloatsCount() > 0 ? 1 : 0;
        n += a.getIntsCount() > 0 ? 1 : 0;
        n += a.getStringsCount() > 0 ? 1 : 0;
        n += a.getTensorsCount() > 0 ? 1 : 0;
        n += a.getGraphsCount() > 0 ? 1 : 0;
        n += a.getSparseTensorsCount() > 0 ? 1 : 0;
        n += a.getTypeProtosCount() > 0 ? 1 : 0;
        return n;
    }

    /// IR version 1 files leave out the type; it follows from the field that is set.
    private static AttributeType impliedType(AttributeProto a) {
        if (a.hasF()) return AttributeType.FLOAT;
        if (a.hasI()) return AttributeType.INT;
        if (a.hasS()) return AttributeType.STRING;
        if (a.hasT()) return AttributeType.TENSOR;
        if (a.hasG()) return AttributeType.GRAPH;
        if (a.hasSparseTensor()) return AttributeType.SPARSE_TENSOR;
        if (a.hasTp()) return AttributeType.TYPE_PROTO;
        if (a.getFloatsCount() > 0) return AttributeType.FLOATS;
        if (a.getIntsCount() > 0) return AttributeType.INTS;
        if (a.getStringsCount() > 0) return AttributeType.STRINGS;
        if (a.getTensorsCount() > 0) return AttributeType.TENSORS;
        if (a.getGraphsCount() > 0) return AttributeType.GRAPHS;
        if (a.getSparseTensorsCount() > 0) return AttributeType.SPARSE_TENSORS;
        if (a.getTypeProtosCount() > 0) return AttributeType.TYPE_PROTOS;
        return AttributeType.UNDEFINED;
    }

    SparseTensor sparse(SparseTensorProto p) throws ModelIOException {
        return new SparseTensor(p.hasValues() ? tensor(p.getValues()) : null, p.hasIndices() ? tensor(p.getIndices()) : null,
                p.getDimsList().stream().mapToLong(Long::longValue).toArray(), extras(p.getUnknownFields()));
    }

    TensorData tensor(TensorProto p) throws ModelIOException {
        var name = p.hasName() ? p.getName() : null;
        var label = name == null ? "(unnamed)" : name;
        var type = ElementType.fromCode(p.getDataType()).orElseThrow(() ->
                new ModelIOException("tensor '" + label + "' has unknown data type " + p.getDataType()));
        long[] dims = p.getDimsList().stream().mapToLong(Long::longValue).toArray();
        var unknown = p.getUnknownFields();
        var offset = unknown.getField(LazyTensorScanner.OFFSET_FIELD);
        var length = unknown.getField(LazyTensorScanner.LENGTH_FIELD);
        boolean lazy = file != null && offset != null && !offset.getVarintList().isEmpty();
        if (lazy) {
            unknown = UnknownFieldSet.newBuilder(unknown).clearField(LazyTensorScanner.OFFSET_FIELD)
                    .clearField(LazyTensorScanner.LENGTH_FIELD).build();
        }
        try {
            TensorStorage storage;
            if (p.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                var entries = entries(p.getExternalDataList());
                long expected = type == ElementType.STRING ? -1 : type.byteSize(Math.max(0, TensorData.elementCount(dims)));
                if (TensorData.elementCount(dims) < 0) {
                    throw new ModelIOException("tensor '" + label + "' has an invalid shape " + java.util.Arrays.toString(dims));
                }
                if (external == null) {
                    throw new ModelIOException("tensor '" + label + "' is stored externally, but the model was not read from a folder");
                }
                storage = new TensorStorage.External(entries, external.resolve(label, entries, expected));
            } else if (lazy) {
                long off = offset.getVarintList().getFirst();
                long len = length == null || length.getVarintList().isEmpty() ? -1 : length.getVarintList().getFirst();
                storage = new TensorStorage.Raw(file.asSlice(off, len).asReadOnly());
            } else if (p.hasRawData()) {
                storage = new TensorStorage.Raw(MemorySegment.ofArray(p.getRawData().toByteArray()).asReadOnly());
            } else {
                storage = typed(p, type);
            }
            Opaque extras = Opaque.NONE;
            boolean keepLocation = p.hasDataLocation() && p.getDataLocation() != TensorProto.DataLocation.EXTERNAL;
            if (p.hasSegment() || keepLocation || !unknown.asMap().isEmpty() || typedFieldsSet(p) > (storage instanceof TensorStorage.Typed || p.hasRawData() ? 1 : 0)
                    || (p.getExternalDataCount() > 0 && !(storage instanceof TensorStorage.External))) {
                var b = TensorProto.newBuilder(p).clearDims().clearDataType().clearName().clearDocString().clearMetadataProps()
                        .clearRawData().setUnknownFields(unknown);
                if (storage instanceof TensorStorage.External) {
                    b.clearExternalData().clearDataLocation();
                }
                if (storage instanceof TensorStorage.Typed t) {
                    clearTyped(b, t.field());
                }
                extras = new Opaque(b.build().toByteArray());
            }
            return new TensorData(name, type, dims, storage, p.hasDocString() ? p.getDocString() : null,
                    entries(p.getMetadataPropsList()), extras);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new ModelIOException(e instanceof IndexOutOfBoundsException ? "tensor '" + label + "' points outside the file" : e.getMessage());
        }
    }

    private static TensorStorage typed(TensorProto p, ElementType type) {
        if (p.getFloatDataCount() > 0) {
            return new TensorStorage.Typed(TensorStorage.Field.FLOAT_DATA, toFloatArray(p.getFloatDataList()));
        }
        if (p.getDoubleDataCount() > 0) {
            return new TensorStorage.Typed(TensorStorage.Field.DOUBLE_DATA, p.getDoubleDataList().stream().mapToDouble(Double::doubleValue).toArray());
        }
        if (p.getInt64DataCount() > 0) {
            return new TensorStorage.Typed(TensorStorage.Field.INT64_DATA, p.getInt64DataList().stream().mapToLong(Long::longValue).toArray());
        }
        if (p.getUint64DataCount() > 0) {
            return new TensorStorage.Typed(TensorStorage.Field.UINT64_DATA, p.getUint64DataList().stream().mapToLong(Long::longValue).toArray());
        }
        if (p.getInt32DataCount() > 0) {
            return new TensorStorage.Typed(TensorStorage.Field.INT32_DATA, p.getInt32DataList().stream().mapToInt(Integer::intValue).toArray());
        }
        if (p.getStringDataCount() > 0 || type == ElementType.STRING) {
            return new TensorStorage.Typed(TensorStorage.Field.STRING_DATA, p.getStringDataList().stream().map(ByteString::toByteArray).toList());
        }
        return switch (type) {
            case FLOAT, COMPLEX64 -> new TensorStorage.Typed(TensorStorage.Field.FLOAT_DATA, new float[0]);
            case DOUBLE, COMPLEX128 -> new TensorStorage.Typed(TensorStorage.Field.DOUBLE_DATA, new double[0]);
            case INT64 -> new TensorStorage.Typed(TensorStorage.Field.INT64_DATA, new long[0]);
            case UINT32, UINT64 -> new TensorStorage.Typed(TensorStorage.Field.UINT64_DATA, new long[0]);
            default -> new TensorStorage.Typed(TensorStorage.Field.INT32_DATA, new int[0]);
        };
    }

    private static int typedFieldsSet(TensorProto p) {
        return (p.getFloatDataCount() > 0 ? 1 : 0) + (p.getDoubleDataCount() > 0 ? 1 : 0) + (p.getInt64DataCount() > 0 ? 1 : 0)
                + (p.getUint64DataCount() > 0 ? 1 : 0) + (p.getInt32DataCount() > 0 ? 1 : 0) + (p.getStringDataCount() > 0 ? 1 : 0)
                + (p.hasRawData() ? 1 : 0);
    }

    private static void clearTyped(TensorProto.Builder b, TensorStorage.Field field) {
        switch (field) {
            case FLOAT_DATA -> b.clearFloatData();
            case INT32_DATA -> b.clearInt32Data();
            case INT64_DATA -> b.clearInt64Data();
            case DOUBLE_DATA -> b.clearDoubleData();
            case UINT64_DATA -> b.clearUint64Data();
            case STRING_DATA -> b.clearStringData();
        }
    }

    TypeInfo type(TypeProto p, String owner) throws ModelIOException {
        var denotation = p.hasDenotation() ? p.getDenotation() : null;
        return switch (p.getValueCase()) {
            case TENSOR_TYPE -> new TypeInfo.TensorType(elementType(p.getTensorType().getElemType(), owner),
                    p.getTensorType().hasShape() ? shape(p.getTensorType().getShape()) : null, denotation);
            case SPARSE_TENSOR_TYPE -> new TypeInfo.SparseTensorType(elementType(p.getSparseTensorType().getElemType(), owner),
                    p.getSparseTensorType().hasShape() ? shape(p.getSparseTensorType().getShape()) : null, denotation);
            case SEQUENCE_TYPE -> new TypeInfo.SequenceType(p.getSequenceType().hasElemType()
                    ? type(p.getSequenceType().getElemType(), owner) : null, denotation);
            case MAP_TYPE -> new TypeInfo.MapType(elementType(p.getMapType().getKeyType(), owner),
                    p.getMapType().hasValueType() ? type(p.getMapType().getValueType(), owner) : null, denotation);
            case OPTIONAL_TYPE -> new TypeInfo.OptionalType(p.getOptionalType().hasElemType()
                    ? type(p.getOptionalType().getElemType(), owner) : null, denotation);
            case OPAQUE_TYPE -> new TypeInfo.OpaqueType(p.getOpaqueType().getDomain(), p.getOpaqueType().getName(), denotation);
            case VALUE_NOT_SET -> new TypeInfo.Unspecified(denotation);
        };
    }

    private static ElementType elementType(int code, String owner) throws ModelIOException {
        return ElementType.fromCode(code).orElseThrow(() ->
                new ModelIOException("'" + owner + "' has unknown element type " + code));
    }

    private static Shape shape(TensorShapeProto p) {
        var dims = new ArrayList<Dim>(p.getDimCount());
        for (var d : p.getDimList()) {
            var denotation = d.hasDenotation() ? d.getDenotation() : null;
            dims.add(switch (d.getValueCase()) {
                case DIM_VALUE -> new Dim.Known(d.getDimValue(), denotation);
                case DIM_PARAM -> new Dim.Symbolic(d.getDimParam(), denotation);
                case VALUE_NOT_SET -> new Dim.Unknown(denotation);
            });
        }
        return new Shape(dims);
    }

    static List<StringEntry> entries(List<StringStringEntryProto> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        return list.stream().map(e -> new StringEntry(e.getKey(), e.getValue())).toList();
    }

    private static Opaque extras(UnknownFieldSet unknown) {
        return unknown.asMap().isEmpty() ? Opaque.NONE : new Opaque(unknown.toByteArray());
    }

    private static float[] toFloatArray(List<Float> list) {
        var out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
