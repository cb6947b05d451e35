package dev.loupe.executor.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.io.ModelReader;
import java.nio.file.Path;
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
        try (var folded = ModelReader.read(out)) {
            var inputs = TransformRuns.inputs(folded, "torch_transformer");
            assertThat(Equivalence.compare(TransformRuns.expected(folded, "torch_transformer"), Equivalence.run(folded, inputs),
                    TransformRuns.FIXTURE).mismatches()).isEmpty();
        }
    }

    @Test
    void nothingToFoldStillWritesTheModel() throws Exception {
        var out = dir.resolve("same.onnx");
        var outcome = FoldFile.fold(TransformRuns.model("torch_resnet_block"), out);
        assertThat(outcome.summary()).startsWith("nothing to fold").contains("31 -> 31 nodes");
        assertThat(out).exists();
    }
}
