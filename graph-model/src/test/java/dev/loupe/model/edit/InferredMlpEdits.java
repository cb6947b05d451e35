package dev.loupe.model.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.infer.ShapeInference;
import dev.loupe.model.io.ModelReader;
import dev.loupe.model.io.ModelWriter;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/// Base of the edit tests on the MLP fixture: each test gets it freshly read with its types inferred, a
/// command stack, and a check that refused or undone edits left the bytes as read.
abstract class InferredMlpEdits {

    protected Model model;
    protected final CommandStack stack = new CommandStack();
    private byte[] original;

    @BeforeEach
    void open() throws Exception {
        model = ModelReader.read(EditsTest.MLP);
        ShapeInference.infer(model);
        original = ModelWriter.toBytes(model);
    }

    @AfterEach
    void close() {
        model.close();
    }

    protected Node node(String name) {
        return model.graph().nodes().stream().filter(n -> name.equals(n.name())).findFirst().orElseThrow();
    }

    protected void assertUnchanged() throws Exception {
        assertThat(Arrays.equals(ModelWriter.toBytes(model), original)).as("model bytes unchanged").isTrue();
    }
}
