package dev.loupe.app.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.TestModels;
import dev.loupe.model.io.ModelReader;
import dev.loupe.model.io.ModelWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Editing through the main view model without a window: the history, the dirty flag, refusals and saving.
class EditingViewModelTest {

    @TempDir
    Path dir;

    private Preferences prefs;
    private MainViewModel vm;
    private Path file;

    @BeforeAll
    static void startFx() throws Exception {
        var started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        started.await();
    }

    @BeforeEach
    void open() throws Exception {
        file = dir.resolve("model.onnx");
        ModelWriter.write(TestModels.withDeadNode(), file);
        prefs = Preferences.userRoot().node("dev/loupe/test/edit" + System.nanoTime());
        vm = fx(() -> new MainViewModel(new RecentFiles(prefs)));
        var opened = new CompletableFuture<ModelDocument>();
        fx(() -> {
            vm.documentProperty().addListener((o, a, d) -> {
                if (d != null) {
                    opened.complete(d);
                }
            });
            vm.open(file);
            return null;
        });
        opened.get(60, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> {
            vm.shutdown();
            return null;
        });
        prefs.removeNode();
    }

    @Test
    void anEditMakesTheDocumentDirtyAndUndoMakesItCleanAgain() throws Exception {
        assertThat(fx(() -> vm.history().isDirty())).isFalse();
        assertThat(fx(() -> {
            select("dead");
            return vm.deleteSelected();
        })).isTrue();
        assertThat(fx(() -> vm.getDocument().model().graph().nodes().size())).isEqualTo(2);
        assertThat(fx(() -> vm.history().isDirty())).isTrue();
        assertThat(fx(() -> vm.history().canUndoProperty().get())).isTrue();
        assertThat(fx(() -> vm.history().undoTextProperty().get())).startsWith("Undo Delete");
        assertThat(fx(() -> vm.titleProperty().get())).isEqualTo("*model.onnx — Loupe");
        waitUntilIdle();

        fx(() -> {
            vm.undo();
            return null;
        });
        assertThat(fx(() -> vm.getDocument().model().graph().nodes().size())).isEqualTo(3);
        assertThat(fx(() -> vm.history().isDirty())).isFalse();
        assertThat(fx(() -> vm.history().canRedoProperty().get())).isTrue();
        assertThat(fx(() -> vm.titleProperty().get())).isEqualTo("model.onnx — Loupe");
        waitUntilIdle();
        assertThat(fx(() -> vm.diagram().getLevel().diagram().nodes().stream()
                .anyMatch(n -> n.node() != null && "dead".equals(n.node().name())))).isTrue();
    }

    @Test
    void aRefusedEditLeavesTheModelAndTheDirtyFlagAlone() throws Exception {
        boolean deleted = fx(() -> {
            select("relu");
            return vm.deleteSelected();
        });
        assertThat(deleted).isFalse();
        assertThat(fx(() -> vm.getDocument().model().graph().nodes().size())).isEqualTo(3);
        assertThat(fx(() -> vm.history().isDirty())).isFalse();
        assertThat(fx(() -> vm.history().canUndoProperty().get())).isFalse();
        assertThat(fx(() -> vm.statusProperty().get())).startsWith("Cannot delete").contains("used by").doesNotContain("\n");
    }

    @Test
    void anAttributeIsSetFromTextAndAnInvalidValueIsRefused() throws Exception {
        fx(() -> {
            select("dead");
            return null;
        });
        assertThat(fx(() -> vm.attributeText("axis"))).isEqualTo("-1");
        assertThat(fx(() -> vm.setAttribute("axis", "two"))).isFalse();
        assertThat(fx(() -> vm.history().isDirty())).isFalse();
        assertThat(fx(() -> vm.statusProperty().get())).contains("not a valid INT");

        assertThat(fx(() -> vm.setAttribute("axis", " 1 "))).isTrue();
        assertThat(fx(() -> vm.history().isDirty())).isTrue();
        waitUntilIdle();
        assertThat(fx(() -> vm.attributeText("axis"))).isEqualTo("1");
        assertThat(fx(() -> vm.properties().rows().stream().anyMatch(r -> r.name().startsWith("axis") && r.value().equals("1"))))
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
        assertThat(fx(() -> {
            select("relu");
            return vm.renameSelected("first");
        })).isTrue();
        waitUntilIdle();
        assertThat(fx(vm::save)).isTrue();
        assertThat(fx(() -> vm.history().isDirty())).isFalse();
        try (var reloaded = ModelReader.read(file)) {
            assertThat(reloaded.graph().nodes()).extracting(n -> n.name()).containsExactly("first", "swish", "dead");
        }

        var copy = dir.resolve("copy.onnx");
        fx(() -> {
            select("dead");
            return vm.deleteSelected();
        });
        waitUntilIdle();
        assertThat(fx(() -> vm.saveAs(copy))).isTrue();
        assertThat(fx(() -> vm.getDocument().path())).isEqualTo(copy);
        assertThat(fx(() -> vm.titleProperty().get())).isEqualTo("copy.onnx — Loupe");
        try (var reloaded = ModelReader.read(copy)) {
            assertThat(reloaded.graph().nodes()).extracting(n -> n.name()).containsExactly("first", "swish");
        }
    }

    private void select(String nodeName) {
        var d = vm.diagram().getLevel().diagram();
        for (int i = 0; i < d.nodes().size(); i++) {
            if (d.node(i).node() != null && nodeName.equals(d.node(i).node().name())) {
                vm.diagram().select(i);
                return;
            }
        }
        throw new AssertionError("no box for node " + nodeName);
    }

    private void waitUntilIdle() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (fx(() -> vm.tasks().busyProperty().get())) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static <T> T fx(Supplier<T> work) throws Exception {
        var result = new CompletableFuture<T>();
        Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }
}
