package dev.loupe.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `loupe run` and `loupe test-data` on the real exported fixtures, including the inputs users get wrong.
class RunCommandsTest {

    static final Path FIXTURES = Path.of("../src/test/resources/fixtures");
    static final Path TRANSFORMER = FIXTURES.resolve("torch_transformer");

    @TempDir
    Path dir;

    @Test
    void runSummarizesAndWritesOutputs() {
        var run = CliRun.of("run", TRANSFORMER.resolve("model.onnx").toString(), "--data-dir",
                TRANSFORMER.resolve("test_data_set_0").toString(), "--out", dir.toString(), "--format", "pb");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("output  float[2,8,32]").containsPattern("ran \\d+ steps \\(fast mode\\)");
        assertThat(dir.resolve("output.pb")).exists();
    }

    @Test
    void debugModeRunsEveryNodeOfTheModel() {
        var run = CliRun.of("run", TRANSFORMER.resolve("model.onnx").toString(), "--data-dir",
                TRANSFORMER.resolve("test_data_set_0").toString(), "--mode", "debug");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("output  float[2,8,32]").contains("ran 301 steps (debug mode)");
    }

    @Test
    void runWithNamedInputFiles() {
        var mlp = FIXTURES.resolve("torch_mlp");
        var run = CliRun.of("run", mlp.resolve("model.onnx").toString(), "--input",
                "x=" + mlp.resolve("test_data_set_0/input_0.pb"), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"name\": \"y\"");
    }

    @Test
    void missingInputIsOneLineWithExitTwo() {
        var run = CliRun.of("run", TRANSFORMER.resolve("model.onnx").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("src");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void truncatedNpyIsOneLineWithExitTwo() throws Exception {
        var mlp = FIXTURES.resolve("torch_mlp");
        var npy = dir.resolve("x.npy");
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (4, 8), }";
        var padded = header + " ".repeat(118 - header.length()) + "\n";
        var bytes = new byte[10 + padded.length() + 20];
        var magic = new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) padded.length(), 0};
        System.arraycopy(magic, 0, bytes, 0, 10);
        System.arraycopy(padded.getBytes(), 0, bytes, 10, padded.length());
        Files.write(npy, bytes);
        var run = CliRun.of("run", mlp.resolve("model.onnx").toString(), "--input", "x=" + npy);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("x.npy");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void wrongElementTypeNamesTheInputAndTheTypes() throws Exception {
        var mlp = FIXTURES.resolve("torch_mlp");
        var lstmInput = FIXTURES.resolve("torch_loop_if/test_data_set_0/input_1.pb");
        var run = CliRun.of("run", mlp.resolve("model.onnx").toString(), "--input", "x=" + lstmInput);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'x'").contains("float");
    }

    @Test
    void testDataOverTheFixturesFindsExactlyTheDeliberateFailures() {
        var run = CliRun.of("test-data", FIXTURES.toString(), "--rtol", "1e-3", "--atol", "1e-4");
        assertThat(run.exitCode()).isEqualTo(1);
        var failing = run.out().lines().filter(l -> !l.startsWith("PASS")).toList();
        assertThat(failing).hasSize(3);
        assertThat(failing.get(0)).startsWith("FAIL  sklearn_rf_float");
        assertThat(failing.get(1)).startsWith("FAIL  torch_mlp_broken");
        assertThat(failing.get(2)).endsWith(" passed, 2 failed, 0 skipped");
    }

    @Test
    void testDataOnOneCaseWithJsonReport() throws Exception {
        var json = dir.resolve("report.json");
        var run = CliRun.of("test-data", FIXTURES.resolve("torch_cnn_bn").toString(), "--json", json.toString());
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("1 passed, 0 failed, 0 skipped");
        assertThat(Files.readString(json)).contains("\"result\": \"PASS\"");
    }

    @Test
    void testDataOnAMissingFolder() {
        var run = CliRun.of("test-data", dir.resolve("nowhere").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(Arrays.asList(run.err().strip().split("\n"))).hasSize(1);
    }

    @Test
    void benchReportsTimesAndMemory() {
        var run = CliRun.of("bench", FIXTURES.resolve("torch_cnn_bn/model.onnx").toString(), "--runs", "3", "--warmup", "1",
                "--warmup-time", "0.2", "--threads", "1", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"runs\": 3").contains("\"threads\": 1").contains("\"medianMillis\"")
                .containsPattern("\"warmupSeconds\": 0\\.[2-9]")
                .contains("\"peakResidentBytes\"").containsPattern("\"heapHeldBytes\": [1-9]");
        assertThat(run.err()).contains("warming up: at least 1 run(s) and 0.2 s");
        var text = CliRun.of("bench", FIXTURES.resolve("torch_mlp/model.onnx").toString(), "--runs", "2", "--warmup-time", "0",
                "--data-dir", FIXTURES.resolve("torch_mlp/test_data_set_0").toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("2 runs after 30 warm-up \\([0-9.]+ s\\)").contains("median ").contains("peak resident memory").contains("heap held with the session loaded");
    }

    @Test
    void benchRejectsANegativeWarmupTime() {
        var run = CliRun.of("bench", FIXTURES.resolve("torch_mlp/model.onnx").toString(), "--warmup-time", "-1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--warmup-time must be between 0 and");
    }

    /// `--profile` in debug mode on the MLP (3 `Constant`, 3 `Gemm`, 3 `Mul`, a `Relu`, a `Tanh`): every
    /// operator has its line, with its number of steps.
    @Test
    void benchProfileListsTheOperatorsAndSteps() {
        var model = FIXTURES.resolve("torch_mlp/model.onnx").toString();
        var text = CliRun.of("bench", model, "--runs", "3", "--warmup", "1", "--warmup-time", "0", "--threads", "1", "--mode",
                "debug", "--profile");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("time by operator").containsPattern("Gemm +[0-9.]+ ms +[0-9.]+% +3 step\\(s\\)")
                .containsPattern("Mul +[0-9.]+ ms +[0-9.]+% +3 step\\(s\\)").containsPattern("Tanh +[0-9.]+ ms +[0-9.]+% +1 step\\(s\\)")
                .contains("slowest steps:");
        var json = CliRun.of("bench", model, "--runs", "2", "--warmup", "0", "--warmup-time", "0", "--mode", "debug", "--profile",
                "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"profile\"").contains("\"operators\"").contains("\"opType\": \"Relu\"")
                .containsPattern("\"steps\": \\[");
    }
}
