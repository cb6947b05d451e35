package dev.loupe.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `loupe info`, `loupe check` and `loupe save` as a user runs them: exit codes, one-line errors, output.
class ModelCommandsTest {

    static final Path FIXTURES = Path.of("../src/test/resources/fixtures");
    static final Path TRANSFORMER = FIXTURES.resolve("torch_transformer/model.onnx");

    @TempDir
    Path dir;

    @Test
    void infoDescribesARealExport() {
        var run = CliRun.of("info", TRANSFORMER.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("IR version:  8").contains("ai.onnx 17").contains("pytorch")
                .contains("LayerNormalization").contains("src: float[batch,seq,32]");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void infoAsJson() {
        var run = CliRun.of("info", "--json", TRANSFORMER.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("{").contains("\"irVersion\": 8").contains("\"ai.onnx\": 17")
                .contains("\"LayerNormalization\": 4");
    }

    @Test
    void checkPassesOnAValidModel() {
        var run = CliRun.of("check", TRANSFORMER.toString());
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("ok: no errors");
    }

    @Test
    void saveRoundTripsAndCanMoveWeightsOut() throws Exception {
        var out = dir.resolve("copy.onnx");
        var run = CliRun.of("save", TRANSFORMER.toString(), out.toString(), "--external-data", "weights.bin");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.size(dir.resolve("weights.bin"))).isGreaterThan(50_000);
        assertThat(Files.size(out)).isLessThan(Files.size(TRANSFORMER));
        assertThat(CliRun.of("info", out.toString()).out()).isEqualTo(CliRun.of("info", TRANSFORMER.toString()).out());
    }

    @Test
    void unreadableInputIsExitCodeTwoWithOneLine() throws Exception {
        var bytes = Files.readAllBytes(TRANSFORMER);
        var truncated = Files.write(dir.resolve("t.onnx"), Arrays.copyOf(bytes, bytes.length / 2));
        for (var command : new String[] {"info", "check"}) {
            var run = CliRun.of(command, truncated.toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).startsWith("loupe: ").contains("truncated");
            assertThat(run.err().strip().lines()).hasSize(1);
        }
    }

    @Test
    void missingFileAndBadUsage() {
        var missing = CliRun.of("info", dir.resolve("nope.onnx").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("does not exist");
        var usage = CliRun.of("info");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("Missing required parameter");
        var unknown = CliRun.of("info", "--frobnicate", TRANSFORMER.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
    }

    @Test
    void everySubcommandAnswersHelpAsTheErrorHintSays() {
        assertThat(CliRun.of("info").err()).contains("Try 'loupe info --help'.");
        for (var command : List.of("info", "check", "run", "compare", "bench", "extract", "upgrade")) {
            var help = CliRun.of(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).startsWith("Usage: loupe " + command).contains("--help");
            assertThat(help.err()).as(command).isEmpty();
        }
        assertThat(CliRun.of("run", "-h").out()).contains("--threads=N");
    }

    @Test
    void checkFailsWithExitOneOnAnInvalidGraph() throws Exception {
        // A node-test model whose graph refers to a value nothing defines, made by cutting its producer.
        var source = Files.readAllBytes(FIXTURES.resolve("torch_mlp/model.onnx"));
        var broken = dir.resolve("cut.onnx");
        try (var model = dev.loupe.model.io.ModelReader.parse(source)) {
            var graph = model.graph();
            graph.removeNode(graph.nodes().get(1));
            dev.loupe.model.io.ModelWriter.write(model, broken);
        }
        var run = CliRun.of("check", broken.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("ERROR").contains("errors");
    }
}
