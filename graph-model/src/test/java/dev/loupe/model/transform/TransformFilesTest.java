package dev.loupe.model.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.edit.EditException;
import dev.loupe.model.io.ModelReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The command-line backends, file to file.
class TransformFilesTest {

    @TempDir
    Path dir;

    @Test
    void toFunctionThenInlineThroughFiles() throws Exception {
        List<String> names;
        try (var model = ModelReader.read(Fixtures.TRANSFORMER)) {
            names = Fixtures.encoderLayer(model, 0).stream().map(n -> n.name()).toList();
        }
        var functions = dir.resolve("functions.onnx");
        var made = TransformFiles.toFunction(Fixtures.TRANSFORMER, names, "EncoderLayer", null, true, functions);
        assertThat(made.summary()).startsWith("made function 'EncoderLayer' of " + names.size() + " nodes with 13 inputs and 1 outputs")
                .endsWith("2 call(s) now");
        assertThat(made.nodesAfter()).isEqualTo(made.nodesBefore() - 2 * names.size() + 2);
        try (var reloaded = ModelReader.read(functions)) {
            assertThat(reloaded.functions()).singleElement().satisfies(f -> assertThat(f.domain()).isEqualTo("local"));
        }
        var inlined = dir.resolve("inlined.onnx");
        var back = TransformFiles.inline(functions, "local:EncoderLayer", inlined);
        assertThat(back.nodesAfter()).isEqualTo(made.nodesBefore());
        assertThat(back.summary()).startsWith("Inline 2 call(s) of function 'local.EncoderLayer'");
        assertThatThrownBy(() -> TransformFiles.inline(inlined, "EncoderLayer", dir.resolve("x.onnx")))
                .isInstanceOf(EditException.class).hasMessage("no local function 'EncoderLayer' (functions: )");
        var flattened = TransformFiles.inline(functions, null, dir.resolve("flat.onnx"));
        assertThat(flattened.nodesAfter()).isEqualTo(made.nodesBefore());
    }

    @Test
    void extractAndSetShapeThroughFiles() throws Exception {
        var block = dir.resolve("block.onnx");
        var extracted = TransformFiles.extract(Fixtures.RESNET, List.of("/layer1/Relu_1_output_0"),
                List.of("/layer2/Relu_1_output_0"), block);
        assertThat(extracted.nodesAfter()).isEqualTo(9);
        assertThat(Files.exists(block)).isTrue();
        var fixed = dir.resolve("fixed.onnx");
        var outcome = TransformFiles.setShape(Fixtures.TRANSFORMER, List.of("src=2,8,32", "src_key_padding_mask=2,8"), fixed);
        assertThat(outcome.summary()).contains("float[2,8,32]").contains("bool[2,8]");
        try (var reloaded = ModelReader.read(fixed)) {
            assertThat(reloaded.graph().inputs().getFirst().type()).hasToString("float[2,8,32]");
        }
    }

    @Test
    void refusalsWriteNothing() {
        var out = dir.resolve("never.onnx");
        assertThatThrownBy(() -> TransformFiles.toFunction(Fixtures.MLP, List.of("/nope"), "F", null, true, out))
                .hasMessage("no node named '/nope' in the main graph");
        assertThatThrownBy(() -> TransformFiles.extract(Fixtures.RESNET, List.of("input"), List.of("ghost"), out))
                .hasMessageContaining("unknown output 'ghost'");
        assertThatThrownBy(() -> TransformFiles.setShape(Fixtures.MLP, List.of("x=4,eight!"), out))
                .hasMessageContaining("neither a size");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void upgradeDryRunListsTheChangesAndWritesNothing() throws Exception {
        var old = dir.resolve("opset12.onnx");
        dev.loupe.model.io.ModelWriter.write(OpsetAdaptersTest.opset12(), old);
        var out = dir.resolve("opset13.onnx");
        var preview = TransformFiles.upgrade(old, 13, true, null);
        assertThat(preview.summary().lines().toList()).first().asString()
                .isEqualTo("would upgrade opset12.onnx from ai.onnx 12 to 13: " + (preview.summary().lines().count() - 1)
                        + " node(s) rewritten:");
        assertThat(preview.summary()).contains("  unsqueeze: attribute 'axes' becomes input 1");
        assertThat(Files.exists(out)).isFalse();
        var done = TransformFiles.upgrade(old, 13, false, out);
        assertThat(done.summary()).startsWith("upgraded opset12.onnx from ai.onnx 12 to 13");
        try (var reloaded = ModelReader.read(out)) {
            assertThat(reloaded.opsetVersion("")).contains(13L);
        }
        assertThatThrownBy(() -> TransformFiles.upgrade(out, 13, true, null)).hasMessage("the model already imports ai.onnx 13");
    }

    @Test
    void mergeThroughFiles() throws Exception {
        var out = dir.resolve("twice.onnx");
        var merged = TransformFiles.merge(Fixtures.TRANSFORMER, Fixtures.TRANSFORMER, List.of("output=src"), "a_", "b_", out);
        assertThat(merged.summary()).endsWith("inputs: a_src, a_src_key_padding_mask, b_src_key_padding_mask; outputs: b_output");
        assertThat(merged.nodesAfter()).isEqualTo(merged.nodesBefore());
        assertThatThrownBy(() -> TransformFiles.merge(Fixtures.TRANSFORMER, Fixtures.TRANSFORMER, List.of("output:src"), "a_", "b_",
                dir.resolve("never.onnx"))).hasMessageStartingWith("expected OUTPUT=INPUT");
        assertThat(Files.exists(dir.resolve("never.onnx"))).isFalse();
    }
}
