package dev.loupe.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `loupe compare` finds what users ask it to find, on real exports.
class CompareCommandTest {

    static final Path FIXTURES = Path.of("../src/test/resources/fixtures");

    @TempDir
    Path dir;

    private static String model(String name) {
        return FIXTURES.resolve(name + "/model.onnx").toString();
    }

    private static String data(String name) {
        return FIXTURES.resolve(name + "/test_data_set_0").toString();
    }

    @Test
    void brokenMulIsTheFirstDivergentNode() throws Exception {
        var json = dir.resolve("report.json");
        var run = CliRun.of("compare", model("torch_mlp_broken"), "--data-dir", data("torch_mlp"), "--against", model("torch_mlp"),
                "--json", json.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("/Mul_1");
        assertThat(Files.readString(json)).contains("/Mul_1");
    }

    @Test
    void brokenModelFailsAgainstExpectedAndTheOriginalPasses() {
        assertThat(CliRun.of("compare", model("torch_mlp_broken"), "--data-dir", data("torch_mlp_broken")).exitCode()).isEqualTo(1);
        var ok = CliRun.of("compare", model("torch_mlp"), "--data-dir", data("torch_mlp"), "--rtol", "1e-4");
        assertThat(ok.exitCode()).as(ok.out()).isZero();
    }

    @Test
    void floatForestNamesTheTreeNodeAndTheFix() {
        var run = CliRun.of("compare", model("sklearn_rf_float"), "--data-dir", data("sklearn_rf_float"), "--against", model("sklearn_rf_double"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("TreeEnsembleClassifier").contains("36");
        assertThat(CliRun.of("compare", model("sklearn_rf_double"), "--data-dir", data("sklearn_rf_double")).exitCode()).isZero();
    }

    @Test
    void float64ShadowOfATransformer() {
        var run = CliRun.of("compare", model("torch_transformer"), "--data-dir", data("torch_transformer"), "--against", "fp64",
                "--rtol", "1e-4", "--atol", "1e-5");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsAnyOf("MatMul", "LayerNormalization", "Softmax");
    }

    @Test
    void missingExpectedOutputsIsAOneLineError() {
        var run = CliRun.of("compare", model("torch_mlp"), "--data-dir", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
    }
}
