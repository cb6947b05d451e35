package dev.loupe.app.edit;

import static dev.loupe.app.FxThread.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.OpenDocument;
import dev.loupe.app.TestModels;
import dev.loupe.app.main.MainViewModel;
import dev.loupe.model.io.ModelReader;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Editing through the main view model without a window: the history, the dirty flag, refusals and saving.
class EditingViewModelTest {

    @TempDir
    Path dir;

    private OpenDocument doc;
    private MainViewModel vm;
    private Path file;

    @BeforeEach
    void open() throws Exception {
        doc = OpenDocument.open(TestModels.withDeadNode(), dir.resolve("model.onnx"));
        vm = doc.vm();
        file = doc.file();
    }

    @AfterEach
    void close() throws Exception {
        doc.close();
    }

    @Test
    void anEditMakesTheDocumentDirtyAndUndoMakesItCleanAgain() throws Exception {
        assertThat(call(() -> vm.history().isDirty())).isFalse();
        assertThat(call(() -> {
            select("dead");
            return vm.edits().deleteSelected();
        })).isTrue();
        assertThat(call(() -> vm.getDocument().model().graph().nodes().size())).isEqualTo(2);
        assertThat(call(() -> vm.history().isDirty())).isTrue();
        assertThat(call(() -> vm.history().canUndoProperty().get())).isTrue();
        assertThat(call(() -> vm.history().undoTextProperty().get())).startsWith("Undo Delete");
        assertThat(call(() -> vm.titleProperty().get())).isEqualTo("*model.onnx — Loupe");
        waitUntilIdle();

        call(() -> {
            vm.undo();
            return null;
        });
        assertThat(call(() -> vm.getDocument().model().graph().nodes().size())).isEqualTo(3);
        assertThat(call(() -> vm.history().isDirty())).isFalse();
        assertThat(call(() -> vm.history().canRedoProperty().get())).isTrue();
        assertThat(call(() -> vm.titleProperty().get())).isEqualTo("model.onnx — Loupe");
        waitUntilIdle();
        assertThat(call(() -> vm.diagram().getLevel().diagram().nodes().stream()
                .anyMatch(n -> n.node() != null && "dead".equals(n.node().name())))).isTrue();
    }

    @Test
    void aRefusedEditLeavesTheModelAndTheDirtyFlagAlone() throws Exception {
        boolean deleted = call(() -> {
            select("relu");
            return vm.edits().deleteSelected();
        });
        assertThat(deleted).isFalse();
        assertThat(call(() -> vm.getDocument().model().graph().nodes().size())).isEqualTo(3);
        assertThat(call(() -> vm.history().isDirty())).isFalse();
        assertThat(call(() -> vm.history().canUndoProperty().get())).isFalse();
        assertThat(call(() -> vm.statusProperty().get())).startsWith("Cannot delete").contains("used by").doesNotContain("\n");
    }

    @Test
    void anAttributeIsSetFromTextAndAnInvalidValueIsRefused() throws Exception {
        call(() -> {
            select("dead");
            return null;
        });
        assertThat(call(() -> vm.edits().attributeText("axis"))).isEqualTo("-1");
        assertThat(call(() -> vm.edits().setAttribute("axis", "two"))).isFalse();
        assertThat(call(() -> vm.history().isDirty())).isFalse();
        assertThat(call(() -> vm.statusProperty().get())).contains("not a valid INT");

        assertThat(call(() -> vm.edits().setAttribute("axis", " 1 "))).isTrue();
        assertThat(call(() -> vm.history().isDirty())).isTrue();
        waitUntilIdle();
        assertThat(call(() -> vm.edits().attributeText("axis"))).isEqualTo("1");
        assertThat(call(() -> vm.properties().rows().stream().anyMatch(r -> r.name().startsWith("axis") && r.value().equals("1"))))
                .isTrue();
    }

    @Test
    void listAttributesReadCommaOrSpaceSeparatedValues() throws Exception {
        var ints = dev.loupe.model.Attribute.ofInts("pads", 0, 0);
        assertThat(AttributeText.format(AttributeText.parse(ints, "[1, 2 3]"))).isEqualTo("1, 2, 3");
        var floats = dev.loupe.model.Attribute.of("scales", new dev.loupe.model.AttributeValue.Floats(new float[] {1f}));
        assertThat(AttributeText.format(AttributeText.parse(floats, "0.5,2"))).isEqualTo("0.5, 2.0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AttributeText.parse(ints, "1, x"))
                .isInstanceOf(dev.loupe.model.edit.EditException.class).hasMessageContaining("pads");
    }

    @Test
    void saveWritesAFileThatReloadsWithTheEdit() throws Exception {
        assertThat(call(() -> {
            select("relu");
            return vm.edits().renameSelected("first");
        })).isTrue();
        waitUntilIdle();
        assertThat(call(vm::save)).isTrue();
        assertThat(call(() -> vm.history().isDirty())).isFalse();
        try (var reloaded = ModelReader.read(file)) {
            assertThat(reloaded.graph().nodes()).extracting(n -> n.name()).containsExactly("first", "swish", "dead");
        }

        var copy = dir.resolve("copy.onnx");
        call(() -> {
            select("dead");
            return vm.edits().deleteSelected();
        });
        waitUntilIdle();
        assertThat(call(() -> vm.saveAs(copy))).isTrue();
        assertThat(call(() -> vm.getDocument().path())).isEqualTo(copy);
        assertThat(call(() -> vm.titleProperty().get())).isEqualTo("copy.onnx — Loupe");
        try (var reloaded = ModelReader.read(copy)) {
            assertThat(reloaded.graph().nodes()).extracting(n -> n.name()).containsExactly("first", "swish");
        }
    }

    private void select(String nodeName) {
        vm.diagram().select(boxOf(nodeName));
    }

    private int boxOf(String nodeName) {
        var d = vm.diagram().getLevel().diagram();
        for (int i = 0; i < d.nodes().size(); i++) {
            if (d.node(i).node() != null && nodeName.equals(d.node(i).node().name())) {
                return i;
            }
        }
        throw new AssertionError("no box for node " + nodeName);
    }

    private void waitUntilIdle() throws Exception {
        doc.waitUntilIdle();
    }
}
