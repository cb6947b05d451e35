package dev.loupe.app.edit;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/// "Add Node": a searchable list of operators and, for the chosen one, a value picker per formal input.
/// Typing filters, Down moves into the list, Enter adds.
final class PaletteDialog {

    private final PaletteViewModel vm;
    private final EditDialogs dialogs;

    PaletteDialog(PaletteViewModel vm, EditDialogs dialogs) {
        this.vm = vm;
        this.dialogs = dialogs;
    }

    void show() {
        vm.load();
        var search = new TextField();
        search.setId("palette-search");
        search.setPromptText("Operator name");
        search.textProperty().bindBidirectional(vm.queryProperty());
        var list = new ListView<>(vm.entries());
        list.setId("palette-list");
        list.setPrefHeight(260);
        var inputs = new GridPane();
        inputs.setHgap(8);
        inputs.setVgap(4);
        var pickers = new ArrayList<ComboBox<String>>();
        list.getSelectionModel().selectedItemProperty().addListener((o, old, entry) -> fillInputs(entry, inputs, pickers));
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN && !list.getItems().isEmpty()) {
                list.requestFocus();
                list.getSelectionModel().selectFirst();
            }
        });
        var content = new VBox(6, search, list, new Label("Inputs"), inputs);
        VBox.setVgrow(list, Priority.ALWAYS);
        var dialog = new Dialog<ButtonType>();
        dialogs.prepare(dialog, "palette-dialog", "Add a node");
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        var ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        Platform.runLater(search::requestFocus);
        if (dialog.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK) {
            var entry = list.getSelectionModel().getSelectedItem();
            vm.addNode(entry, pickers.stream().map(ComboBox::getValue).toList());
        }
    }

    private void fillInputs(PaletteViewModel.Entry entry, GridPane grid, List<ComboBox<String>> pickers) {
        grid.getChildren().clear();
        pickers.clear();
        if (entry == null) {
            return;
        }
        var values = vm.availableValues();
        var suggested = vm.suggestedInput();
        var formals = vm.inputsOf(entry);
        for (int i = 0; i < formals.size(); i++) {
            var formal = formals.get(i);
            var picker = new ComboBox<String>();
            picker.setId("palette-input-" + i);
            picker.setEditable(true);
            picker.getItems().setAll(values);
            if (i == 0 && suggested != null) {
                picker.setValue(suggested);
            }
            var label = new Label(formal.name() + (formal.option() == dev.loupe.model.schema.FormalParameter.Option.OPTIONAL ? " (optional)" : ""));
            grid.addRow(i, label, picker);
            pickers.add(picker);
        }
    }
}
