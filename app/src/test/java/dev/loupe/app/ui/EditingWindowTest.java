package dev.loupe.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.TestModels;
import dev.loupe.app.main.MainView;
import dev.loupe.app.main.MainViewModel;
import dev.loupe.app.main.RecentFiles;
import dev.loupe.model.io.ModelReader;
import dev.loupe.model.io.ModelWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/// Edits the model from the real window with the keyboard: delete, undo, save.
@ExtendWith(ApplicationExtension.class)
class EditingWindowTest {

    @TempDir
    Path dir;

    private MainView view;
    private MainViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new MainViewModel(new RecentFiles(Preferences.userRoot().node("dev/loupe/test/" + System.nanoTime())));
        view = MainView.install(vm, stage, null);
        stage.show();
    }

    @AfterEach
    void closeModel(FxRobot robot) {
        robot.interact(() -> vm.close());
    }

    @Test
    void deleteUndoAndSaveFromTheKeyboard(FxRobot robot) throws Exception {
        var file = dir.resolve("model.onnx");
        ModelWriter.write(TestModels.withDeadNode(), file);
        robot.interact(() -> vm.open(file));
        waitFor(() -> vm.getDocument() != null && !vm.tasks().busyProperty().get());

        int box = boxOf("dead");
        var g = view.graphView();
        robot.clickOn(g.localToScreen(g.boxCenterOnScreen(box)));
        waitFor(() -> vm.diagram().getSelectedBox() == box);

        robot.type(KeyCode.DELETE);
        waitFor(() -> vm.getDocument().model().graph().nodes().size() == 2 && !vm.tasks().busyProperty().get());
        assertThat(vm.history().isDirty()).isTrue();
        assertThat(vm.titleProperty().get()).startsWith("*");
        assertThat(hasBox("dead")).isFalse();

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitFor(() -> vm.getDocument().model().graph().nodes().size() == 3 && !vm.tasks().busyProperty().get());
        assertThat(hasBox("dead")).isTrue();
        assertThat(vm.history().isDirty()).isFalse();

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        waitFor(() -> vm.history().isDirty() && !vm.tasks().busyProperty().get());
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        waitFor(() -> !vm.history().isDirty());
        try (var saved = ModelReader.read(file)) {
            assertThat(saved.graph().nodes()).extracting(n -> n.name()).containsExactly("relu", "swish");
        }
    }

    @Test
    void thePaletteAddsANodeFromTheKeyboardAndTheHistoryTabGoesBack(FxRobot robot) throws Exception {
        var file = dir.resolve("model.onnx");
        ModelWriter.write(TestModels.withDeadNode(), file);
        robot.interact(() -> vm.open(file));
        waitFor(() -> vm.getDocument() != null && !vm.tasks().busyProperty().get());
        int box = boxOf("relu");
        var g = view.graphView();
        robot.clickOn(g.localToScreen(g.boxCenterOnScreen(box)));
        waitFor(() -> vm.diagram().getSelectedBox() == box);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.N).release(KeyCode.SHIFT, KeyCode.CONTROL);
        waitFor(() -> dialogNode("#palette-search") != null);
        // The headless platform does not move keyboard focus into the dialog's window: drive its controls.
        robot.interact(() -> {
            ((javafx.scene.control.TextField) dialogNode("#palette-search")).setText("LeakyRelu");
            ((javafx.scene.control.ListView<?>) dialogNode("#palette-list")).getSelectionModel().selectFirst();
        });
        javafx.scene.control.ComboBox<?> firstInput = (javafx.scene.control.ComboBox<?>) dialogNode("#palette-input-0");
        assertThat(firstInput.getValue()).as("input 0 defaults to the selected node's output").isEqualTo("r");
        robot.interact(() -> ((javafx.scene.control.DialogPane) dialogNode("#palette-dialog"))
                .lookupButton(javafx.scene.control.ButtonType.OK).fireEvent(new javafx.event.ActionEvent()));
        waitFor(() -> vm.getDocument().model().graph().nodes().size() == 4 && !vm.tasks().busyProperty().get());
        var added = vm.getDocument().model().graph().nodes().stream().filter(n -> n.opType().equals("LeakyRelu")).findFirst().orElseThrow();
        assertThat(added.inputs().getFirst().name()).as("reads the selected node's output").isEqualTo("r");
        assertThat(hasBox(added.name())).isTrue();

        robot.interact(() -> {
            var tabs = robot.lookup("#leftTabs").queryAs(javafx.scene.control.TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "history-tab".equals(t.getId())).findFirst().orElseThrow());
        });
        javafx.scene.control.ListView<String> history = robot.lookup("#history-list").queryListView();
        assertThat(history.getItems()).containsExactly("Opened", "Add LeakyRelu 'LeakyRelu'");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node firstRow = robot.lookup("#history-list .list-cell").match(
                (javafx.scene.control.ListCell<?> c) -> "Opened".equals(c.getText())).query();
        robot.clickOn(firstRow);
        WaitForAsyncUtils.waitForFxEvents();
        waitFor(() -> vm.getDocument().model().graph().nodes().size() == 3 && !vm.tasks().busyProperty().get());
        assertThat(vm.history().isDirty()).isFalse();
        assertThat(vm.history().canRedoProperty().get()).isTrue();
    }

    /// The node matching `selector` in an open dialog window, or `null`.
    private static javafx.scene.Node dialogNode(String selector) {
        for (var w : javafx.stage.Window.getWindows()) {
            if (!(w instanceof Stage) || w.getScene() == null) {
                continue;
            }
            var found = w.getScene().lookup(selector);
            if (found != null && w.getScene().lookup("#graph-view") == null) {
                return found;
            }
        }
        return null;
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

    private boolean hasBox(String nodeName) {
        return vm.diagram().getLevel().diagram().nodes().stream()
                .anyMatch(n -> n.node() != null && nodeName.equals(n.node().name()));
    }

    private void waitFor(BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out; status: " + vm.statusProperty().get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
