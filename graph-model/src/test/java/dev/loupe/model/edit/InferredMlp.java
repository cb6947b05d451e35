package dev.loupe.model.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.infer.ShapeInference;
import dev.loupe.model.io.ModelReader;
import dev.loupe.model.io.ModelWriter;
import java.util.Arrays;

/// The MLP fixture opened for one test with its types inferred, and its bytes as read, to check that
/// refused or undone edits leave it unchanged.
final class InferredMlp implements AutoCloseable {

    final Model model;
    private final byte[] original;

    InferredMlp() throws Exception {
        model = ModelReader.read(EditsTest.MLP);
        ShapeInference.infer(model);
        original = ModelWriter.toBytes(model);
    }

    Node node(String name) {
        return model.graph().nodes().stream().filter(n -> name.equals(n.name())).findFirst().orElseThrow();
    }

    void assertUnchanged() throws Exception {
        assertThat(Arrays.equals(ModelWriter.toBytes(model), original)).as("model bytes unchanged").isTrue();
    }

    @Override
    public void close() {
        model.close();
    }
}
