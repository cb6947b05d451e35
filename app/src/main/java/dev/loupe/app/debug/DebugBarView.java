package dev.loupe.app.debug;

import dev.loupe.app.diagram.DiagramNode;
import dev.loupe.app.main.MainViewModel;
import dev.loupe.model.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/// The debugger's toolbar and Debug menu (FXML): Run/Continue (F5), Step (F10), Step Into (F11), Step Out
/// (Shift+F11), Run to Selected Node (Ctrl+F10), Pause (F6), Stop (Shift+F5), Toggle Breakpoint (F9), the
/// stop description and the run's progress. Buttons are enabled from the [DebuggerViewModel]'s phase.
public final class DebugBarView {

    private final MainViewModel main;
    private final DebuggerViewModel vm;
    private ObjectBinding<Node> selectedNode;

    @FXML private ToolBar debugBar;
    @FXML private Menu debugMenu;
    @FXML private MenuItem runItem;
    @FXML private MenuItem stepItem;
    @FXML private MenuItem stepIntoItem;
    @FXML private MenuItem stepOutItem;
    @FXML private MenuItem runToItem;
    @FXML private MenuItem pauseItem;
    @FXML private MenuItem stopItem;
    @FXML private MenuItem breakpointItem;
    @FXML private Button runButton;
    @FXML private Button stepButton;
    @FXML private Button stepIntoButton;
    @FXML private Button stepOutButton;
    @FXML private Button runToButton;
    @FXML private Button pauseButton;
    @FXML private Button stopButton;
    @FXML private Button breakpointButton;
    @FXML private Label stopLabel;
    @FXML private Region spacer;
    @FXML private Label progressLabel;
    @FXML private ProgressBar progressBar;

    private DebugBarView(MainViewModel main) {
        this.main = main;
        this.vm = main.debugger();
    }

    /// Loads the toolbar and menu for `main`'s debugger.
    public static DebugBarView create(MainViewModel main) {
        var loader = new FXMLLoader(DebugBarView.class.getResource("DebugBarView.fxml"));
        loader.setControllerFactory(c -> new DebugBarView(main));
        try {
            loader.load();
            return loader.getController();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the debugger toolbar", e);
        }
    }

    public ToolBar toolBar() {
        return debugBar;
    }

    /// The Debug menu, for the menu bar.
    public Menu menu() {
        return debugMenu;
    }

    @FXML
    private void initialize() {
        selectedNode = Bindings.createObjectBinding(() -> {
            var item = main.diagram().selectedItemProperty().get();
            return item != null && item.kind() == DiagramNode.Kind.OPERATOR ? item.node() : null;
        }, main.diagram().selectedItemProperty());
        var cannotRun = vm.canRunProperty().not();
        BooleanBinding noSelection = selectedNode.isNull();
        disable(cannotRun, runButton, runItem, stepButton, stepItem, stepIntoButton, stepIntoItem);
        disable(cannotRun.or(noSelection), runToButton, runToItem);
        disable(vm.canStepOutProperty().not(), stepOutButton, stepOutItem);
        disable(vm.canPauseProperty().not(), pauseButton, pauseItem);
        disable(vm.canStopProperty().not(), stopButton, stopItem);
        disable(noSelection, breakpointButton, breakpointItem);
        runButton.textProperty().bind(vm.phaseProperty().map(p -> p == DebuggerViewModel.Phase.PAUSED ? "▶ Continue" : "▶ Run"));
        stopLabel.textProperty().bind(vm.stopTextProperty());
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var tasks = main.debugTasks();
        progressBar.progressProperty().bind(tasks.progressProperty());
        progressBar.visibleProperty().bind(tasks.busyProperty());
        progressLabel.textProperty().bind(tasks.messageProperty());
    }

    private static void disable(javafx.beans.value.ObservableBooleanValue when, Object... controls) {
        for (var c : controls) {
            switch (c) {
                case Button b -> b.disableProperty().bind(when);
                case MenuItem m -> m.disableProperty().bind(when);
                default -> throw new IllegalArgumentException(String.valueOf(c));
            }
        }
    }

    @FXML
    private void onRun() {
        vm.runOrContinue();
    }

    @FXML
    private void onStep() {
        vm.step();
    }

    @FXML
    private void onStepInto() {
        vm.stepInto();
    }

    @FXML
    private void onStepOut() {
        vm.stepOut();
    }

    @FXML
    private void onRunTo() {
        vm.runTo(selectedNode.get());
    }

    @FXML
    private void onPause() {
        vm.pause();
    }

    @FXML
    private void onStop() {
        vm.stop();
    }

    @FXML
    private void onToggleBreakpoint() {
        var node = selectedNode.get();
        if (node != null) {
            vm.breakpoints().toggle(node);
        }
    }
}
