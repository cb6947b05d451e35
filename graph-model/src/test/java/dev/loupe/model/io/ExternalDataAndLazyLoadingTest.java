package dev.loupe.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.UnknownFieldSet;
import dev.loupe.model.TensorStorage;
import dev.loupe.model.io.proto.OnnxProtos.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Large payloads stay in the file mapping; external data is read and written; saves are atomic and keep
/// what Loupe does not interpret.
class ExternalDataAndLazyLoadingTest {

    @TempDir
    Path dir;

    private static float[] ramp(int n) {
        var v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i * 0.5f;
        }
        return v;
    }

    @Test
    void largeRawPayloadsAreViewsOfTheMappedFile() throws Exception {
        var file = ModelFiles.write(dir.resolve("m.onnx"), ModelFiles.addModel(ModelFiles.floatTensor("w", new long[] {4096}, ramp(4096)).build()));
        try (var model = ModelReader.read(file)) {
            var w = model.graph().value("w").initializer();
            assertThat(w.storage()).isInstanceOf(TensorStorage.Raw.class);
            assertThat(w.bytes().isNative()).as("mapped, not on the heap").isTrue();
            assertThat(w.toFloatArray()).containsExactly(ramp(4096));
        }
    }

    @Test
    void smallPayloadsAreParsedNormally() throws Exception {
        var file = ModelFiles.write(dir.resolve("m.onnx"), ModelFiles.addModel(ModelFiles.floatTensor("w", new long[] {3}, 1, 2, 3).build()));
        try (var model = ModelReader.read(file)) {
            assertThat(model.graph().value("w").initializer().bytes().isNative()).isFalse();
        }
    }

    @Test
    void savingWithExternalDataAndReadingBack() throws Exception {
        var original = ModelFiles.write(dir.resolve("m.onnx"), ModelFiles.addModel(ModelFiles.floatTensor("w", new long[] {1000}, ramp(1000)).build()));
        var out = dir.resolve("out.onnx");
        try (var model = ModelReader.read(original)) {
            ModelWriter.write(model, out, ModelWriter.Options.externalData("weights.bin"));
        }
        assertThat(Files.size(dir.resolve("weights.bin"))).isEqualTo(4000);
        assertThat(Files.size(out)).isLessThan(1000);
        try (var model = ModelReader.read(out)) {
            var w = model.graph().value("w").initializer();
            assertThat(w.storage()).isInstanceOf(TensorStorage.External.class);
            assertThat(((TensorStorage.External) w.storage()).location()).isEqualTo("weights.bin");
            assertThat(w.toFloatArray()).containsExactly(ramp(1000));
            // keeping the layout writes external tensors to <name>.data beside the new file
            ModelWriter.write(model, dir.resolve("again.onnx"));
        }
        assertThat(Files.size(dir.resolve("again.onnx.data"))).isEqualTo(4000);
        try (var model = ModelReader.read(dir.resolve("again.onnx"))) {
            assertThat(model.graph().value("w").initializer().toFloatArray()).containsExactly(ramp(1000));
        }
    }

    @Test
    void savingOverTheSourceFileKeepsTheModelReadable() throws Exception {
        var file = ModelFiles.write(dir.resolve("m.onnx"), ModelFiles.addModel(ModelFiles.floatTensor("w", new long[] {2048}, ramp(2048)).build()));
        try (var model = ModelReader.read(file)) {
            ModelWriter.write(model, file);
            assertThat(model.graph().value("w").initializer().toFloatArray()).containsExactly(ramp(2048));
        }
        try (var model = ModelReader.read(file)) {
            assertThat(model.graph().value("w").initializer().toFloatArray()).containsExactly(ramp(2048));
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("m.onnx");
        }
    }

    @Test
    void failedSaveLeavesTheTargetUntouched() throws Exception {
        var file = ModelFiles.write(dir.resolve("m.onnx"), ModelFiles.addModel(ModelFiles.floatTensor("w", new long[] {3}, 1, 2, 3).build()));
        var before = Files.readAllBytes(file);
        try (var model = ModelReader.read(file)) {
            assertThatThrownBy(() -> ModelWriter.write(model, file, ModelWriter.Options.externalData("../escape.bin")))
                    .isInstanceOf(ModelIOException.class).hasMessageContaining("plain file name");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    @Test
    void unknownFieldsSurviveASave() throws Exception {
        var unknown = UnknownFieldSet.newBuilder()
                .addField(777, UnknownFieldSet.Field.newBuilder().addLengthDelimited(com.google.protobuf.ByteString.copyFromUtf8("future")).build())
                .build();
        var proto = ModelFiles.addModel(ModelFiles.floatTensor("w", new long[] {3}, 1, 2, 3).setUnknownFields(unknown).build()).toBuilder();
        proto.setUnknownFields(unknown);
        proto.getGraphBuilder().setUnknownFields(unknown).getNodeBuilder(0).setUnknownFields(unknown);
        var file = ModelFiles.write(dir.resolve("m.onnx"), proto.build());
        var out = dir.resolve("out.onnx");
        try (var model = ModelReader.read(file)) {
            ModelWriter.write(model, out);
        }
        assertThat(ModelProto.parseFrom(Files.readAllBytes(out))).isEqualTo(proto.build());
    }
}
