package dev.loupe.app.edit;

import dev.loupe.app.main.MainViewModel;
import dev.loupe.model.ElementType;
import dev.loupe.model.TypeInfo;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/// The Graph menu's entries for graph inputs and weights, with their dialogs; the work is done by
/// [ValueActions].
final class ValueCommandsView {

    private final MainViewModel vm;
    private final Window owner;
    private final EditDialogs dialogs;

    ValueCommandsView(MainViewModel vm, Window owner, EditDialogs dialogs) {
        this.vm = vm;
        this.owner = owner;
        this.dialogs = dialogs;
    }

    /// The menu entries, enabled per `noDocument` / `noNode`.
    List<MenuItem> items(javafx.beans.value.ObservableValue<Boolean> noDocument, javafx.beans.value.ObservableValue<Boolean> noNode) {
        var values = vm.values();
        return List.of(
                EditCommandsView.item("add-input-item", "Add Graph _Input…", null, noDocument, this::addInput),
                EditCommandsView.item("edit-input-item", "Edit Graph Input _Type and Shape…", null, noDocument, this::editInput),
                EditCommandsView.item("remove-input-item", "Remove Graph Input…", null, noDocument, this::removeInput),
                EditCommandsView.item("constant-to-initializer-item", "Constant Inputs to Initi_alizers", null, noNode, values::constantToInitializer),
                EditCommandsView.item("initializer-to-constant-item", "Weight to Constant _Node…", null, noNode, this::initializerToConstant),
                EditCommandsView.item("replace-weight-item", "_Replace Weight from File…", null, noNode, this::replaceWeight));
    }

    private void addInput() {
        var name = new TextField();
        var type = typeChoice("float");
        var dims = new TextField("batch,3,224,224");
        showForm("add-input-dialog", "Add a graph input", new String[] {"Name", "Element type", "Dimensions"}, name, type, dims)
                .ifPresent(ok -> vm.values().addInput(name.getText().strip(), type.getValue(), dims.getText()));
    }

    private void editInput() {
        var inputs = vm.values().graphInputs();
        var chosen = choose("edit-input-choice", "Which graph input?", inputs);
        if (chosen.isEmpty()) {
            return;
        }
        var value = vm.getDocument().model().graph().inputs().stream().filter(v -> v.name().equals(chosen.get())).findFirst().orElseThrow();
        var current = value.bestType() instanceof TypeInfo.TensorType t ? t : null;
        var type = typeChoice(current == null ? "float" : current.elementType().onnxName());
        var dims = new TextField(current == null || current.shape() == null ? "" : dimsText(current));
        showForm("edit-input-dialog", "Type and shape of '" + chosen.get() + "' (a name makes a dimension dynamic)",
                new String[] {"Element type", "Dimensions"}, type, dims).ifPresent(ok -> {
                    if (current == null || !type.getValue().equals(current.elementType().onnxName())) {
                        vm.values().setInputType(chosen.get(), type.getValue());
                    }
                    var shapeText = dims.getText().strip();
                    if (current == null || !shapeText.equals(dimsText(current))) {
                        vm.values().setInputShape(chosen.get(), shapeText);
                    }
                });
    }

    private void removeInput() {
        choose("remove-input-choice", "Remove which graph input?", vm.values().graphInputs()).ifPresent(vm.values()::removeInput);
    }

    private void initializerToConstant() {
        choose("to-constant-choice", "Turn which weight of the selected node into a Constant node?", vm.values().initializersOfSelection())
                .ifPresent(vm.values()::initializerToConstant);
    }

    private void replaceWeight() {
        var name = choose("replace-weight-choice", "Replace which weight of the selected node?", vm.values().initializersOfSelection());
        if (name.isEmpty()) {
            return;
        }
        var chooser = new FileChooser();
        chooser.setTitle("Replace '" + name.get() + "'");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Tensors", "*.npy", "*.npz", "*.pb"));
        File f = chooser.showOpenDialog(owner);
        if (f != null) {
            vm.values().replaceInitializer(name.get(), f.toPath());
        }
    }

    private Optional<String> choose(String id, String header, List<String> choices) {
        if (choices.isEmpty()) {
            vm.statusProperty().set("Nothing to choose from");
            return Optional.empty();
        }
        var dialog = new ChoiceDialog<>(choices.getFirst(), choices);
        dialogs.prepare(dialog, id, header);
        return dialog.showAndWait();
    }

    private Optional<ButtonType> showForm(String id, String header, String[] labels, javafx.scene.Node... fields) {
        var grid = new GridPane(8, 6);
        for (int i = 0; i < labels.length; i++) {
            grid.addRow(i, new Label(labels[i]), fields[i]);
        }
        var dialog = new Dialog<ButtonType>();
        dialogs.prepare(dialog, id, header);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        return dialog.showAndWait().filter(b -> b == ButtonType.OK);
    }

    private static ComboBox<String> typeChoice(String initial) {
        var box = new ComboBox<String>();
        Arrays.stream(ElementType.values()).filter(t -> t != ElementType.UNDEFINED).map(ElementType::onnxName).forEach(box.getItems()::add);
        box.setValue(initial);
        return box;
    }

    private static String dimsText(TypeInfo.TensorType t) {
        return t.shape() == null ? "" : String.join(",", t.shape().dims().stream().map(Object::toString).toList());
    }
}
