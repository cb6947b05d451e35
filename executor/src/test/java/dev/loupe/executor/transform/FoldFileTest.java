package dev.loupe.executor.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loupe.model.io.ModelReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `loupe fold`'s backend: folds, cleans up, writes even when there is nothing to fold.
class FoldFileTest {

    @TempDir
    Path dir;

    @Test
    void foldsTheTransformerAndRunsTheResult() throws Exception {
        var out = dir.resolve("folded.onnx");
        var outcome = FoldFile.fold(TransformRuns.model("torch_transformer"), out);
        assertThat(outcome.summary()).startsWith("folded 8 node(s) into 2 initializer(s); 301 -> 285 nodes");
        assertThat(officialCheck(out)).isEmpty();
        try (var folded = ModelReader.read(out)) {
            var inputs = TransformRuns.inputs(folded, "torch_transformer");
            assertThat(Equivalence.compare(TransformRuns.expected(folded, "torch_transformer"), Equivalence.run(folded, inputs),
                    TransformRuns.FIXTURE).mismatches()).isEmpty();
        }
    }

    /// The official checker's complaint about `file` (`full_check=True`), `""` when it passes; skips the
    /// test when Debian's `/usr/bin/python3` cannot import `onnx` (package `python3-onnx`, which CI installs).
    static String officialCheck(Path file) throws Exception {
        var python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "skipped: /usr/bin/python3 is missing (install python3-onnx)");
        var probe = new ProcessBuilder(python.toString(), "-c", "import onnx").redirectErrorStream(true).start();
        assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "skipped: /usr/bin/python3 cannot import onnx (install python3-onnx)");
        var process = new ProcessBuilder(python.toString(), "-c",
                "import sys, onnx; onnx.checker.check_model(sys.argv[1], full_check=True)", file.toString())
                .redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() == 0 ? "" : output;
    }

    @Test
    void nothingToFoldStillWritesTheModel() throws Exception {
        var out = dir.resolve("same.onnx");
        var outcome = FoldFile.fold(TransformRuns.model("torch_resnet_block"), out);
        assertThat(outcome.summary()).startsWith("nothing to fold").contains("31 -> 31 nodes");
        assertThat(out).exists();
    }
}
