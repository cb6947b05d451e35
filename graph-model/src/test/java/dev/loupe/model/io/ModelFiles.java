package dev.loupe.model.io;

import com.google.protobuf.ByteString;
import dev.loupe.model.io.proto.OnnxProtos.GraphProto;
import dev.loupe.model.io.proto.OnnxProtos.ModelProto;
import dev.loupe.model.io.proto.OnnxProtos.NodeProto;
import dev.loupe.model.io.proto.OnnxProtos.OperatorSetIdProto;
import dev.loupe.model.io.proto.OnnxProtos.StringStringEntryProto;
import dev.loupe.model.io.proto.OnnxProtos.TensorProto;
import dev.loupe.model.io.proto.OnnxProtos.TensorShapeProto;
import dev.loupe.model.io.proto.OnnxProtos.TypeProto;
import dev.loupe.model.io.proto.OnnxProtos.ValueInfoProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/// Builds small ONNX files for I/O tests: `y = Add(x, w)` with a float initializer `w`.
final class ModelFiles {

    private ModelFiles() {
    }

    static TensorProto.Builder floatTensor(String name, long[] dims, float... values) {
        var buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        var b = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(buf.array()));
        for (long d : dims) {
            b.addDims(d);
        }
        return b;
    }

    static ValueInfoProto floatInput(String name, long... dims) {
        var shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))).build();
    }

    /// `y = Add(x, w)` where `w` is the given initializer.
    static ModelProto addModel(TensorProto w) {
        long n = w.getDims(0);
        var graph = GraphProto.newBuilder().setName("g")
                .addNode(NodeProto.newBuilder().setOpType("Add").setName("add").addInput("x").addInput(w.getName()).addOutput("y"))
                .addInitializer(w)
                .addInput(floatInput("x", n))
                .addOutput(floatInput("y", n));
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).setGraph(graph).build();
    }

    static TensorProto externalTensor(String name, long n, String location, long offset, long length) {
        return TensorProto.newBuilder().setName(name).setDataType(1).addDims(n)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(location))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue(Long.toString(offset)))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue(Long.toString(length)))
                .build();
    }

    static Path write(Path file, ModelProto model) throws IOException {
        Files.write(file, model.toByteArray());
        return file;
    }
}
