package dev.loupe.app.edit;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.collections.ObservableList;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;

/// The small modal dialogs of the editing commands, styled like the window that owns them.
final class EditDialogs {

    private final Window owner;
    private final Supplier<ObservableList<String>> stylesheets;

    EditDialogs(Window owner, Supplier<ObservableList<String>> stylesheets) {
        this.owner = owner;
        this.stylesheets = stylesheets;
    }

    /// Asks for one line of text; empty when cancelled.
    Optional<String> text(String id, String header, String initial) {
        var dialog = new TextInputDialog(initial);
        prepare(dialog, id, header);
        return dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }

    /// Asks a yes/no/cancel question; empty when cancelled.
    Optional<Boolean> yesNo(String id, String header, String content, String yes, String no) {
        var yesButton = new ButtonType(yes, ButtonBar.ButtonData.YES);
        var noButton = new ButtonType(no, ButtonBar.ButtonData.NO);
        var alert = new Alert(Alert.AlertType.CONFIRMATION, content, yesButton, noButton, ButtonType.CANCEL);
        prepare(alert, id, header);
        var answer = alert.showAndWait().orElse(ButtonType.CANCEL);
        return answer == ButtonType.CANCEL ? Optional.empty() : Optional.of(answer == yesButton);
    }

    /// Shows `lines` and asks whether to go on.
    boolean confirmList(String id, String header, List<String> lines, String action) {
        var go = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        var alert = new Alert(Alert.AlertType.CONFIRMATION, lines.size() + " change(s):", go, ButtonType.CANCEL);
        var area = new TextArea(String.join("\n", lines));
        area.setEditable(false);
        area.setPrefRowCount(Math.min(16, Math.max(4, lines.size())));
        alert.getDialogPane().setExpandableContent(area);
        alert.getDialogPane().setExpanded(true);
        prepare(alert, id, header);
        return alert.showAndWait().orElse(ButtonType.CANCEL) == go;
    }

    /// Owner, title, id and style sheets for `dialog`.
    void prepare(Dialog<?> dialog, String id, String header) {
        dialog.initOwner(owner);
        dialog.setTitle("Loupe");
        dialog.setHeaderText(header);
        dialog.getDialogPane().setId(id);
        dialog.getDialogPane().getStylesheets().setAll(stylesheets.get());
    }
}
