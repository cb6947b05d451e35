package dev.loupe.app.main;

import static dev.loupe.app.FxThread.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.OpenDocument;
import dev.loupe.app.TestModels;
import dev.loupe.app.diagram.DiagramNode;
import dev.loupe.app.edit.Selection;
import dev.loupe.model.Node;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Expanding a function call in place through the diagram's view model, without a window: the body's nodes
/// are shown and selectable, the editing commands refuse them, and collapsing brings the call's box back.
class CallExpansionTest {

    @TempDir
    Path dir;

    private OpenDocument doc;

    @AfterEach
    void close() throws Exception {
        if (doc != null) {
            doc.close();
        }
    }

    @Test
    void aBodyNodeShownInPlaceIsDisplayOnlyAndTheCallCollapsesBack() throws Exception {
        doc = OpenDocument.open(TestModels.withLocalFunction(), dir.resolve("model.onnx"));
        var vm = doc.vm();
        var diagram = vm.diagram();
        doc.select("relu");
        call(() -> {
            diagram.expandSelectedCall();
            return null;
        });
        assertThat(call(() -> vm.statusProperty().get())).isEqualTo("Select a call of a model-local function to expand it");

        doc.select("swish");
        call(() -> {
            diagram.expandSelectedCall();
            return null;
        });
        doc.waitFor(() -> !diagram.getLevel().diagram().frames().isEmpty());
        doc.waitUntilIdle();
        var level = call(diagram::getLevel);
        assertThat(level.diagram().nodes()).extracting(DiagramNode::key).containsExactly("i:x", "n:0", "c:1/0", "c:1/1", "o:y");
        assertThat(call(() -> diagram.selectedItemProperty().get().key())).as("the body's first node is focused").isEqualTo("c:1/0");

        doc.select("mul");
        var mul = call(() -> diagram.selectedItemProperty().get());
        assertThat(mul.inCall()).isTrue();
        assertThat(call(() -> vm.properties().titleProperty().get())).isEqualTo("Mul");
        assertThat(call(() -> Selection.node(diagram))).isNull();
        assertThat(call(() -> Selection.nodes(diagram))).isEmpty();
        assertThat(call(() -> vm.edits().deleteSelected())).isFalse();
        assertThat(call(() -> vm.statusProperty().get())).isEqualTo("mul is in the body of swish shown in place. "
                + Selection.IN_CALL + ".");
        assertThat(call(() -> vm.edits().renameSelected("renamed"))).isFalse();
        var model = call(() -> vm.getDocument().model());
        assertThat(model.graph().nodes()).extracting(Node::name).containsExactly("relu", "swish");
        assertThat(model.functions().getFirst().body().nodes()).extracting(Node::name).containsExactly("sig", "mul");

        call(() -> {
            diagram.collapseSelection();
            return null;
        });
        doc.waitFor(() -> diagram.getLevel().diagram().frames().isEmpty());
        doc.waitUntilIdle();
        assertThat(call(() -> diagram.getLevel().diagram().nodes().stream().map(DiagramNode::key).toList()))
                .containsExactly("i:x", "n:0", "n:1", "o:y");
        assertThat(call(() -> diagram.selectedItemProperty().get().key())).isEqualTo("n:1");
        assertThat(call(() -> Selection.node(diagram).name())).isEqualTo("swish");
    }
}
