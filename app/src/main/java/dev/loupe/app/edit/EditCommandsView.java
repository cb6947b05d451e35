package dev.loupe.app.edit;

import dev.loupe.app.diagram.DiagramNode;
import dev.loupe.app.inspect.PropertiesView;
import dev.loupe.app.inspect.PropertyRow;
import dev.loupe.app.inspect.TensorViewModel;
import dev.loupe.app.main.MainViewModel;
import dev.loupe.model.transform.FunctionEdits;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/// The editing commands of the window: extra Edit menu entries (palette, wiring, outputs), the Graph menu
/// (functions and whole-graph tools) and the History tab. Dialogs pick the arguments; the work is done by
/// [EditActions], [PaletteViewModel] and [GraphTools].
public final class EditCommandsView {

    private final MainViewModel vm;
    private final Stage stage;
    private final EditDialogs dialogs;
    private final PaletteDialog palette;

    private EditCommandsView(MainViewModel vm, Stage stage, EditDialogs dialogs) {
        this.vm = vm;
        this.stage = stage;
        this.dialogs = dialogs;
        this.palette = new PaletteDialog(new PaletteViewModel(vm), dialogs);
    }

    /// Adds the commands to `editMenu`, a Graph menu after it in `menuBar`, and the History and Functions tabs
    /// to `tabs`.
    public static EditCommandsView install(MainViewModel vm, Stage stage, MenuBar menuBar, Menu editMenu, TabPane tabs) {
        var view = new EditCommandsView(vm, stage, new EditDialogs(stage, () -> stage.getScene().getStylesheets()));
        view.extendEditMenu(editMenu);
        menuBar.getMenus().add(menuBar.getMenus().indexOf(editMenu) + 1, view.graphMenu());
        var history = new Tab("History", HistoryView.create(vm));
        history.setId("history-tab");
        history.setClosable(false);
        tabs.getTabs().add(history);
        var functions = new Tab("Functions", FunctionLibraryView.create(new FunctionLibraryViewModel(vm)));
        functions.setId("functions-tab");
        functions.setClosable(false);
        tabs.getTabs().add(functions);
        return view;
    }

    /// Opens the operator palette.
    public void showPalette() {
        if (vm.getDocument() != null) {
            palette.show();
        }
    }

    /// Offers to recover the edits an earlier session left unsaved (one question per entry: recover,
    /// discard, or ask again next time); returns whether a model is being recovered.
    public boolean offerRecovery() {
        for (var entry : vm.pendingRecovery()) {
            var when = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                    .format(entry.savedAt().atZone(java.time.ZoneId.systemDefault()));
            var answer = dialogs.yesNo("recovery-dialog", "Loupe closed with unsaved edits to " + entry.original().getFileName(),
                    entry.edits() + " edit(s), the last \u201c" + entry.lastEdit() + "\u201d, kept at " + when + " (" + entry.original()
                            + ").\nRecover them? Cancel asks again next time.", "Recover", "Discard");
            if (answer.isPresent() && answer.get()) {
                vm.openRecovered(entry);
                return true;
            }
            if (answer.isPresent()) {
                vm.discardRecovery(entry);
            }
        }
        return false;
    }

    /// Asks for a new name for the selected node.
    public void renameSelected() {
        var node = Selection.node(vm.diagram());
        if (node != null) {
            dialogs.text("rename-dialog", "Rename " + node.displayName(), node.name()).ifPresent(vm.edits()::renameSelected);
        }
    }

    /// Asks for a new value of the selected node's attribute `name` (as text: numbers, lists, strings).
    public void editAttribute(String name) {
        var text = vm.edits().attributeText(name);
        if (text == null) {
            return;
        }
        var dialog = new TextInputDialog(text);
        dialogs.prepare(dialog, "attribute-dialog", "Set attribute '" + name + "'");
        dialog.showAndWait().ifPresent(value -> vm.edits().setAttribute(name, value));
    }

    /// Replaces a tensor attribute or an initializer shown in the properties table by a `.npy`/`.npz`/`.pb`
    /// file the user picks.
    public void replaceTensor(PropertyRow row) {
        var chooser = new FileChooser();
        chooser.setTitle("Replace with a tensor file");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Tensors", "*.npy", "*.npz", "*.pb"));
        File f = chooser.showOpenDialog(stage);
        if (f == null) {
            return;
        }
        if (row.section().equals("Attributes")) {
            vm.edits().setTensorAttribute(PropertiesView.attributeName(row), f.toPath());
        } else {
            vm.values().replaceInitializer(PropertiesView.valueName(row), f.toPath());
        }
    }

    /// What applies edits made in the tensor viewer to a properties row: the initializer or tensor attribute
    /// it shows, or `null` when the row's tensor is not editable (a Constant node's value, a live value).
    public TensorViewModel.Editor tensorEditor(PropertyRow row) {
        if (!PropertiesView.isReplaceable(row)) {
            return null;
        }
        return row.section().equals("Attributes")
                ? vm.edits().tensorAttributeEditor(PropertiesView.attributeName(row))
                : vm.values().initializerEditor(PropertiesView.valueName(row));
    }

    private void extendEditMenu(Menu menu) {
        var noNode = vm.diagram().selectedItemProperty().map(i -> i.kind() != DiagramNode.Kind.OPERATOR).orElse(true);
        var notOutput = vm.diagram().selectedItemProperty().map(i -> i.kind() != DiagramNode.Kind.OUTPUT).orElse(true);
        var noDocument = vm.documentProperty().isNull();
        menu.getItems().addAll(
                item("delete-descendants-item", "Delete Node and Dead _Descendants", "Shift+DELETE", noNode, vm.edits()::deleteWithDescendants),
                new SeparatorMenuItem(),
                item("add-node-item", "_Add Node…", "Shortcut+Shift+N", noDocument, this::showPalette),
                item("reconnect-item", "Re_connect Input…", null, noNode, this::reconnect),
                item("rename-value-item", "Rename _Value…", "Shift+F2", noDocument, this::renameValue),
                item("duplicate-item", "D_uplicate Node", "Shortcut+D", noNode, vm.edits()::duplicateSelected),
                item("replace-op-item", "Replace _Operator…", null, noNode, this::replaceOp),
                item("promote-item", "Make Node Outputs _Graph Outputs", null, noNode, vm.edits()::promoteOutputsToGraph),
                item("remove-output-item", "Remove Graph _Output", null, notOutput, vm.edits()::removeSelectedGraphOutput));
    }

    private Menu graphMenu() {
        var noDocument = vm.documentProperty().isNull();
        var noNode = vm.diagram().selectedItemProperty().map(i -> i.kind() != DiagramNode.Kind.OPERATOR).orElse(true);
        var noSelection = vm.diagram().selectedItemProperty().map(i -> i.kind() != DiagramNode.Kind.OPERATOR
                && i.kind() != DiagramNode.Kind.GROUP).orElse(true);
        var inlineAll = new Menu("Inline All Calls _Of");
        inlineAll.setId("inline-all-menu");
        inlineAll.disableProperty().bind(noDocument);
        inlineAll.setOnShowing(e -> fillInlineMenu(inlineAll));
        inlineAll.getItems().add(new MenuItem("(none)"));
        var menu = new Menu("_Graph");
        menu.setId("graph-menu");
        menu.getItems().addAll(
                item("make-function-item", "_Make Function of Selection…", "Shortcut+G", noSelection, this::makeFunction),
                item("inline-item", "_Inline Function Call", "Shortcut+Shift+G", noNode, vm.edits()::inlineSelected),
                inlineAll,
                item("flatten-item", "_Flatten All Functions", null, noDocument, vm.edits()::flatten),
                new SeparatorMenuItem(),
                item("fold-item", "Fold _Constants", "Shortcut+Shift+F", noDocument, vm.graphTools()::foldConstants),
                item("dead-code-item", "Remove _Dead Nodes", null, noDocument, vm.edits()::removeDeadCode),
                item("sort-item", "_Sort Topologically", null, noDocument, vm.edits()::sortTopologically),
                item("upgrade-item", "_Upgrade to Opset 13…", null, noDocument, this::upgrade),
                item("extract-item", "_Extract Subgraph…", null, noDocument, this::extract),
                item("merge-item", "Merge _With Another Model…", null, noDocument, this::merge),
                new SeparatorMenuItem());
        menu.getItems().addAll(new ValueCommandsView(vm, stage, dialogs).items(noDocument, noNode));
        menu.getItems().addAll(
                new SeparatorMenuItem(),
                item("verify-item", "Check Against _Saved File", "Shortcut+Shift+K", noDocument, vm.graphTools()::verifyAgainstSaved));
        return menu;
    }

    static MenuItem item(String id, String text, String accelerator, ObservableValue<Boolean> disabled, Runnable action) {
        var item = new MenuItem(text);
        item.setId(id);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        if (disabled instanceof BooleanBinding b) {
            item.disableProperty().bind(b);
        } else {
            item.disableProperty().bind(disabled);
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private void fillInlineMenu(Menu menu) {
        menu.getItems().clear();
        var doc = vm.getDocument();
        if (doc == null || doc.model().functions().isEmpty()) {
            var none = new MenuItem("(no local functions)");
            none.setDisable(true);
            menu.getItems().add(none);
            return;
        }
        for (var fn : doc.model().functions()) {
            var entry = new MenuItem(fn.domain() + "." + fn.name());
            entry.setMnemonicParsing(false);
            entry.setOnAction(e -> vm.edits().inlineAll(fn));
            menu.getItems().add(entry);
        }
    }

    private void makeFunction() {
        var scope = vm.diagram().selectedItemProperty().get();
        var suggestion = scope != null && scope.scope() != null ? scope.scope().label().replaceAll("[^A-Za-z0-9_]", "_") : "Block";
        var name = dialogs.text("function-name-dialog", "Name of the new function (domain '" + FunctionEdits.DEFAULT_DOMAIN + "')", suggestion);
        if (name.isEmpty()) {
            return;
        }
        var plan = vm.edits().planFunction(name.get(), FunctionEdits.DEFAULT_DOMAIN);
        if (plan == null) {
            return;
        }
        boolean replaceOthers = false;
        if (plan.otherOccurrences() > 0) {
            var answer = dialogs.yesNo("function-others-dialog", plan.otherOccurrences() + " other place(s) compute the same thing",
                    "Replace them by calls of " + name.get() + " too?", "Replace All", "Only the Selection");
            if (answer.isEmpty()) {
                return;
            }
            replaceOthers = answer.get();
        }
        vm.edits().makeFunction(plan, replaceOthers);
    }

    private void replaceOp() {
        var node = Selection.node(vm.diagram());
        if (node != null) {
            dialogs.text("replace-op-dialog", "Replace " + node.displayName() + " (" + node.opType() + ") by operator", node.opType())
                    .ifPresent(vm.edits()::replaceSelectedOp);
        }
    }

    private void reconnect() {
        var node = Selection.node(vm.diagram());
        if (node == null || node.inputs().isEmpty()) {
            vm.statusProperty().set("Select a node with inputs to reconnect");
            return;
        }
        var slot = new ChoiceBox<Integer>();
        for (int i = 0; i < node.inputs().size(); i++) {
            slot.getItems().add(i);
        }
        var value = new ComboBox<String>();
        value.setId("reconnect-value");
        value.setEditable(true);
        slot.valueProperty().addListener((o, old, s) -> {
            value.getItems().setAll(vm.edits().connectableValues(s));
            value.setValue(value.getItems().isEmpty() ? null : value.getItems().getFirst());
        });
        slot.setValue(0);
        var grid = new GridPane(8, 6);
        grid.addRow(0, new Label("Input slot"), slot);
        grid.addRow(1, new Label("Reads value"), value);
        var dialog = new Dialog<ButtonType>();
        dialogs.prepare(dialog, "reconnect-dialog", "Reconnect an input of " + node.displayName());
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        if (dialog.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK && value.getValue() != null) {
            vm.edits().reconnect(slot.getValue(), value.getValue());
        }
    }

    private void renameValue() {
        var item = vm.diagram().selectedItemProperty().get();
        String current = null;
        if (item != null && item.value() != null) {
            current = item.value().name();
        } else if (item != null && item.node() != null && !item.node().outputs().isEmpty() && item.node().outputs().getFirst() != null) {
            current = item.node().outputs().getFirst().name();
        }
        if (current == null) {
            vm.statusProperty().set("Select a node, input or output whose value to rename");
            return;
        }
        var old = current;
        dialogs.text("rename-value-dialog", "Rename value '" + old + "' everywhere", old).ifPresent(n -> vm.edits().renameValue(old, n));
    }

    private void upgrade() {
        var plan = vm.edits().planUpgrade();
        if (plan != null && dialogs.confirmList("upgrade-dialog", "Upgrade the model to ai.onnx opset 13", plan.changes(), "Upgrade")) {
            vm.edits().upgrade(plan);
        }
    }

    private void extract() {
        var doc = vm.getDocument();
        var graph = doc.model().graph();
        var node = Selection.node(vm.diagram());
        var defaultInputs = graph.inputs().stream().filter(v -> !v.isInitializer()).map(v -> v.name()).toList();
        var defaultOutputs = node == null ? graph.outputs().stream().map(v -> v.name()).toList()
                : node.outputs().stream().filter(v -> v != null).map(v -> v.name()).toList();
        var inputs = dialogs.text("extract-inputs-dialog", "Inputs of the part to extract (comma-separated value names)",
                String.join(", ", defaultInputs));
        if (inputs.isEmpty()) {
            return;
        }
        var outputs = dialogs.text("extract-outputs-dialog", "Outputs of the part to extract (comma-separated value names)",
                String.join(", ", defaultOutputs));
        if (outputs.isEmpty()) {
            return;
        }
        var chooser = new FileChooser();
        chooser.setTitle("Save Extracted Model");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX models", "*.onnx"));
        chooser.setInitialFileName(doc.fileName().replaceFirst("\\.onnx$", "") + "-part.onnx");
        File f = chooser.showSaveDialog(stage);
        if (f != null) {
            vm.graphTools().extract(names(inputs.get()), names(outputs.get()), f.toPath());
        }
    }

    private void merge() {
        var doc = vm.getDocument();
        var open = new FileChooser();
        open.setTitle("Model to feed with " + doc.fileName() + "'s outputs");
        open.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX models", "*.onnx"));
        File other = open.showOpenDialog(stage);
        if (other == null) {
            return;
        }
        var firstOutput = doc.model().graph().outputs().isEmpty() ? "" : doc.model().graph().outputs().getFirst().name();
        var connections = dialogs.text("merge-map-dialog", "Connections OUT=IN (outputs of " + doc.fileName() + " to inputs of "
                + other.getName() + "), comma-separated", firstOutput + "=");
        if (connections.isEmpty()) {
            return;
        }
        var prefix = dialogs.text("merge-prefix-dialog", "Prefix for the names of " + other.getName() + " (avoids clashes)", "m2_");
        var save = new FileChooser();
        save.setTitle("Save Merged Model");
        save.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX models", "*.onnx"));
        save.setInitialFileName(doc.fileName().replaceFirst("\\.onnx$", "") + "+" + other.getName());
        File target = save.showSaveDialog(stage);
        if (target != null) {
            vm.graphTools().merge(other.toPath(), names(connections.get()), "", prefix.orElse(""), target.toPath(), written -> {
                var answer = dialogs.yesNo("merge-open-dialog", "Merged model written to " + written.getFileName(),
                        "Open it now" + (vm.history().isDirty() ? " (unsaved edits of " + doc.fileName() + " are lost)" : "") + "?",
                        "Open", "Keep Current");
                if (answer.orElse(false)) {
                    vm.close();
                    vm.open(written);
                }
            });
        }
    }

    private static List<String> names(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
