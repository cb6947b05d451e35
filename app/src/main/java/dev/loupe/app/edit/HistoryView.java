package dev.loupe.app.edit;

import dev.loupe.app.main.MainViewModel;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/// The History tab: every edit of the open document, oldest first, under "Opened"; undone edits are shown
/// dimmed. Clicking a line (or Enter on it) undoes or redoes up to and including that edit.
final class HistoryView {

    private HistoryView() {
    }

    static VBox create(MainViewModel vm) {
        var history = vm.history();
        var rows = FXCollections.<String>observableArrayList();
        Runnable sync = () -> {
            var all = new java.util.ArrayList<String>();
            all.add("Opened");
            all.addAll(history.entries());
            rows.setAll(all);
        };
        history.entries().addListener((ListChangeListener<String>) c -> sync.run());
        sync.run();
        var list = new ListView<>(rows);
        list.setId("history-list");
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                getStyleClass().remove("undone");
                if (!empty && getIndex() > history.positionProperty().get()) {
                    getStyleClass().add("undone");
                }
            }
        });
        history.positionProperty().addListener((o, old, p) -> list.refresh());
        list.setOnMouseClicked(e -> moveTo(vm, list));
        list.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                moveTo(vm, list);
            }
        });
        var hint = new Label("Click an edit to go back to it; later edits can be redone.");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint-label");
        var box = new VBox(4, list, hint);
        VBox.setVgrow(list, Priority.ALWAYS);
        return box;
    }

    private static void moveTo(MainViewModel vm, ListView<String> list) {
        int index = list.getSelectionModel().getSelectedIndex();
        if (index >= 0) {
            vm.moveInHistory(index);
        }
    }
}
