package dev.loupe.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The graph-surgery subcommands end to end: each result is checked and run on the executor, and refusals
/// leave nothing behind.
class SurgeryCommandsTest {

    static final Path FIXTURES = Path.of("../src/test/resources/fixtures");

    @TempDir
    Path dir;

    private void assertRunsLike(Path model, Path original, Path data) {
        var before = CliRun.of("run", original.toString(), "--data-dir", data.toString());
        var after = CliRun.of("run", model.toString(), "--data-dir", data.toString());
        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(firstLine(after.out())).isEqualTo(firstLine(before.out()));
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    @Test
    void extractTheFirstResidualBlock() throws Exception {
        var out = dir.resolve("block.onnx");
        var run = CliRun.of("extract", FIXTURES.resolve("torch_resnet_block/model.onnx").toString(), out.toString(),
                "--inputs", "/stem/stem.2/Relu_output_0", "--outputs", "/layer1/Relu_1_output_0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("extracted 7 of ");
        assertThat(CliRun.of("check", out.toString()).exitCode()).isZero();
        assertThat(CliRun.of("info", out.toString()).out()).contains("/stem/stem.2/Relu_output_0: float[1,8,32,32]");
    }

    @Test
    void extractRefusesAnOutputThatTheInputsCannotCompute() {
        var out = dir.resolve("x.onnx");
        var run = CliRun.of("extract", FIXTURES.resolve("torch_resnet_block/model.onnx").toString(), out.toString(),
                "--inputs", "/layer1/Relu_output_0", "--outputs", "/layer1/Relu_1_output_0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void foldKeepsTheOutputs() {
        var model = FIXTURES.resolve("torch_mlp/model.onnx");
        var out = dir.resolve("folded.onnx");
        var run = CliRun.of("fold", model.toString(), out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertRunsLike(out, model, FIXTURES.resolve("torch_mlp/test_data_set_0"));
    }

    @Test
    void functionAndInlineRoundTrip() throws Exception {
        var model = FIXTURES.resolve("torch_mlp/model.onnx");
        var withFunction = dir.resolve("fn.onnx");
        var run = CliRun.of("to-function", model.toString(), withFunction.toString(), "--nodes", "/fc2/Gemm,/Mul_1,/Tanh",
                "--name", "Block", "--domain", "my.blocks");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(CliRun.of("check", withFunction.toString()).exitCode()).isZero();
        assertThat(CliRun.of("info", withFunction.toString()).out()).contains("my.blocks.Block").contains("Functions:   1");
        assertRunsLike(withFunction, model, FIXTURES.resolve("torch_mlp/test_data_set_0"));

        var inlined = dir.resolve("inlined.onnx");
        assertThat(CliRun.of("inline", withFunction.toString(), inlined.toString()).exitCode()).isZero();
        assertThat(CliRun.of("info", inlined.toString()).out()).doesNotContain("Functions:").contains("Nodes:       11");
        assertRunsLike(inlined, model, FIXTURES.resolve("torch_mlp/test_data_set_0"));
    }

    @Test
    void nonConvexSelectionIsRefused() {
        var out = dir.resolve("fn.onnx");
        var run = CliRun.of("to-function", FIXTURES.resolve("torch_mlp/model.onnx").toString(), out.toString(),
                "--nodes", "/fc1/Gemm,/Tanh", "--name", "Bad");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("convex");
        assertThat(out).doesNotExist();
    }

    @Test
    void setShapeFixesTheBatch() throws Exception {
        var out = dir.resolve("fixed.onnx");
        var run = CliRun.of("set-shape", FIXTURES.resolve("torch_transformer/model.onnx").toString(), out.toString(),
                "--input", "src=2,8,32", "--input", "src_key_padding_mask=2,8");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(CliRun.of("info", out.toString()).out()).contains("src: float[2,8,32]");
        assertThat(Files.size(out)).isGreaterThan(0);
    }

    @Test
    void mergeTheTransformerIntoItself() {
        var model = FIXTURES.resolve("torch_transformer/model.onnx").toString();
        var out = dir.resolve("twice.onnx");
        var run = CliRun.of("merge", model, model, out.toString(), "--map", "output=src", "--prefix1", "a/", "--prefix2", "b/");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("through 1 connection(s)").contains("outputs: b/output");
        assertThat(CliRun.of("check", out.toString()).exitCode()).isZero();
        assertThat(CliRun.of("info", out.toString()).out()).contains("a/src: float[batch,seq,32]")
                .contains("b/src_key_padding_mask: bool[batch,seq]");
    }

    @Test
    void mergeWithoutPrefixesIsRefused() {
        var model = FIXTURES.resolve("torch_transformer/model.onnx").toString();
        var out = dir.resolve("twice.onnx");
        var run = CliRun.of("merge", model, model, out.toString(), "--map", "output=src");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().asString().contains("give a prefix to one of them");
        assertThat(out).doesNotExist();
    }

    @Test
    void upgradeDryRunListsNodesAndWritesNothing() throws Exception {
        var old = dir.resolve("opset12.onnx");
        dev.loupe.model.io.ModelWriter.write(opset12Unsqueeze(), old);
        var preview = CliRun.of("upgrade", old.toString(), "--dry-run");
        assertThat(preview.exitCode()).as(preview.err()).isZero();
        assertThat(preview.out().lines()).containsExactly(
                "would upgrade opset12.onnx from ai.onnx 12 to 13: 1 node(s) rewritten:",
                "  unsqueeze: attribute 'axes' becomes input 1");
        var out = dir.resolve("opset13.onnx");
        assertThat(CliRun.of("upgrade", old.toString(), "--to", "13").exitCode()).isEqualTo(2);
        var done = CliRun.of("upgrade", old.toString(), out.toString());
        assertThat(done.exitCode()).as(done.err()).isZero();
        assertThat(CliRun.of("info", out.toString()).out()).contains("ai.onnx 13");
        assertThat(CliRun.of("check", out.toString()).exitCode()).isZero();
    }

    /// `x` float[2,3] → Unsqueeze with `axes` as an attribute (opset 12) → `y` float[1,2,3].
    private static dev.loupe.model.Model opset12Unsqueeze() {
        var g = new dev.loupe.model.Graph(null, "g");
        var x = g.valueOrCreate("x");
        x.setType(dev.loupe.model.TypeInfo.tensor(dev.loupe.model.ElementType.FLOAT, 2, 3));
        g.addInput(x);
        var u = g.addNode("unsqueeze", "Unsqueeze", "");
        u.addInput(x);
        u.addOutput(g.valueOrCreate("y"));
        u.setAttribute(dev.loupe.model.Attribute.ofInts("axes", 0));
        g.value("y").setType(dev.loupe.model.TypeInfo.tensor(dev.loupe.model.ElementType.FLOAT, 1, 2, 3));
        g.addOutput(g.value("y"));
        var model = new dev.loupe.model.Model(g);
        model.setIrVersion(7L);
        model.opsetImports().add(new dev.loupe.model.OpsetId("", 12));
        return model;
    }
}
