package dev.loupe.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.io.proto.OnnxProtos.TensorProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Broken and hostile files give a one-line reason, never a crash, and nothing outside the model's folder
/// is read.
class HostileInputTest {

    @TempDir
    Path dir;

    private static void assertOneLineFailure(ThrowingRead read, String expectedFragment) {
        assertThatThrownBy(read::run).isInstanceOf(ModelIOException.class)
                .hasMessageContaining(expectedFragment)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private interface ThrowingRead {
        void run() throws Exception;
    }

    @Test
    void truncatedFile() throws Exception {
        var bytes = ModelFiles.addModel(ModelFiles.floatTensor("w", new long[] {300}, new float[300]).build()).toByteArray();
        var file = dir.resolve("truncated.onnx");
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        assertOneLineFailure(() -> ModelReader.read(file), "truncated");
    }

    @Test
    void randomBytes() throws Exception {
        var bytes = new byte[4096];
        new Random(42).nextBytes(bytes);
        var file = dir.resolve("random.onnx");
        Files.write(file, bytes);
        assertOneLineFailure(() -> ModelReader.read(file), "not");
    }

    @Test
    void emptyFile() throws Exception {
        var file = Files.createFile(dir.resolve("empty.onnx"));
        assertOneLineFailure(() -> ModelReader.read(file), "empty");
    }

    @Test
    void validProtobufThatIsNotAModel() throws Exception {
        var file = dir.resolve("tensor.onnx");
        Files.write(file, ModelFiles.floatTensor("t", new long[] {3}, 1, 2, 3).build().toByteArray());
        assertOneLineFailure(() -> ModelReader.read(file), "ONNX model");
    }

    @Test
    void tensorWhoseDeclaredSizeDisagreesWithItsBytes() throws Exception {
        var w = ModelFiles.floatTensor("w", new long[] {4}, 1, 2, 3).build();
        var file = ModelFiles.write(dir.resolve("size.onnx"), ModelFiles.addModel(w));
        assertOneLineFailure(() -> ModelReader.read(file), "tensor 'w' of type float and shape [4] needs 16 bytes but holds 12");
    }

    @Test
    void hugeDeclaredShapeIsRefusedWithoutAllocating() throws Exception {
        var w = ModelFiles.floatTensor("w", new long[] {1_000_000_000_000_000L}, 1).build();
        var file = ModelFiles.write(dir.resolve("huge.onnx"), ModelFiles.addModel(w));
        assertOneLineFailure(() -> ModelReader.read(file), "needs 4000000000000000 bytes but holds 4");
    }

    @Test
    void overflowingShapeIsRefused() throws Exception {
        var w = ModelFiles.floatTensor("w", new long[] {1L << 40, 1L << 40}, 1).build();
        var file = ModelFiles.write(dir.resolve("overflow.onnx"), ModelFiles.addModel(w));
        assertOneLineFailure(() -> ModelReader.read(file), "invalid shape");
    }

    @Test
    void unknownDataType() throws Exception {
        var w = ModelFiles.floatTensor("w", new long[] {1}, 1).setDataType(99).build();
        var file = ModelFiles.write(dir.resolve("dtype.onnx"), ModelFiles.addModel(w));
        assertOneLineFailure(() -> ModelReader.read(file), "unknown data type 99");
    }

    @Test
    void externalDataWithAbsoluteLocation() throws Exception {
        var secret = Files.write(dir.resolve("secret.bin"), new byte[16]);
        var file = ModelFiles.write(dir.resolve("abs.onnx"),
                ModelFiles.addModel(ModelFiles.externalTensor("w", 4, secret.toAbsolutePath().toString(), 0, 16)));
        assertOneLineFailure(() -> ModelReader.read(file), "is absolute");
    }

    @Test
    void externalDataEscapingWithDotDot() throws Exception {
        var modelDir = Files.createDirectory(dir.resolve("model"));
        Files.write(dir.resolve("outside.bin"), new byte[16]);
        var file = ModelFiles.write(modelDir.resolve("m.onnx"),
                ModelFiles.addModel(ModelFiles.externalTensor("w", 4, "../outside.bin", 0, 16)));
        assertOneLineFailure(() -> ModelReader.read(file), "leaves the model's folder");
    }

    @Test
    void externalDataThroughSymlinkLeadingOutside() throws Exception {
        var modelDir = Files.createDirectory(dir.resolve("model"));
        var outside = Files.write(dir.resolve("outside.bin"), new byte[16]);
        Files.createSymbolicLink(modelDir.resolve("link.bin"), outside);
        var file = ModelFiles.write(modelDir.resolve("m.onnx"),
                ModelFiles.addModel(ModelFiles.externalTensor("w", 4, "link.bin", 0, 16)));
        assertOneLineFailure(() -> ModelReader.read(file), "leads outside the model's folder");
    }

    @Test
    void externalDataShorterThanOffsetPlusLength() throws Exception {
        Files.write(dir.resolve("short.bin"), new byte[20]);
        var file = ModelFiles.write(dir.resolve("m.onnx"), ModelFiles.addModel(ModelFiles.externalTensor("w", 4, "short.bin", 8, 16)));
        assertOneLineFailure(() -> ModelReader.read(file), "has only 20 bytes");
    }

    @Test
    void externalDataFileMissing() throws Exception {
        var file = ModelFiles.write(dir.resolve("m.onnx"), ModelFiles.addModel(ModelFiles.externalTensor("w", 4, "none.bin", 0, 16)));
        assertOneLineFailure(() -> ModelReader.read(file), "does not exist");
    }

    @Test
    void forgedLazyMarkerFieldsAreIgnored() throws Exception {
        var w = ModelFiles.floatTensor("w", new long[] {2}, 1, 2).setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
                .addField(LazyTensorScanner.OFFSET_FIELD, com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(0).build())
                .addField(LazyTensorScanner.LENGTH_FIELD, com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(8).build())
                .build()).build();
        var file = ModelFiles.write(dir.resolve("forged.onnx"), ModelFiles.addModel(w));
        try (var model = ModelReader.read(file)) {
            var tensor = model.graph().value("w").initializer();
            assertThat(tensor.toFloatArray()).containsExactly(1f, 2f);
        }
    }

    @Test
    void duplicateAssignmentIsReported() throws Exception {
        var proto = ModelFiles.addModel(ModelFiles.floatTensor("w", new long[] {1}, 1).build()).toBuilder();
        proto.getGraphBuilder().addNode(proto.getGraph().getNode(0).toBuilder().setName("again"));
        var file = ModelFiles.write(dir.resolve("twice.onnx"), proto.build());
        assertOneLineFailure(() -> ModelReader.read(file), "value 'y' is assigned more than once");
    }

    @Test
    void duplicateInitializerIsReported() throws Exception {
        var w = ModelFiles.floatTensor("w", new long[] {1}, 1).build();
        var proto = ModelFiles.addModel(w).toBuilder();
        proto.getGraphBuilder().addInitializer(w);
        var file = ModelFiles.write(dir.resolve("dup.onnx"), proto.build());
        assertOneLineFailure(() -> ModelReader.read(file), "initializer 'w' is defined more than once");
    }

    @Test
    void missingFile() {
        assertOneLineFailure(() -> ModelReader.read(dir.resolve("nope.onnx")), "does not exist");
    }

    @Test
    void nonFloatRawDataTypesAreCheckedToo() throws Exception {
        var w = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.INT64_VALUE).addDims(2)
                .setRawData(com.google.protobuf.ByteString.copyFrom(new byte[15])).build();
        var file = ModelFiles.write(dir.resolve("i64.onnx"), ModelFiles.addModel(w));
        assertOneLineFailure(() -> ModelReader.read(file), "needs 16 bytes but holds 15");
    }
}
