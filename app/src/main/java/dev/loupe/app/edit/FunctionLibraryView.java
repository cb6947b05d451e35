package dev.loupe.app.edit;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/// The Functions tab's content: the local functions, and buttons to show a body, go to a call or inline
/// all calls. Double-click shows the body.
final class FunctionLibraryView {

    private FunctionLibraryView() {
    }

    static VBox create(FunctionLibraryViewModel vm) {
        var list = new ListView<>(vm.rows());
        list.setId("functions-list");
        list.setPlaceholder(new Label("No local functions. Select nodes or a group and use Graph › Make Function."));
        var selected = list.getSelectionModel().selectedItemProperty();
        var body = new Button("Show Body");
        body.setOnAction(e -> vm.showBody(selected.get()));
        var call = new Button("Go to Call");
        call.setOnAction(e -> vm.revealFirstCall(selected.get()));
        var inline = new Button("Inline All");
        inline.setId("inline-all-button");
        inline.setOnAction(e -> vm.inlineAll(selected.get()));
        for (var b : new Button[] {body, call, inline}) {
            b.disableProperty().bind(selected.isNull());
        }
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && selected.get() != null) {
                vm.showBody(selected.get());
            }
        });
        var box = new VBox(4, list, new HBox(4, body, call, inline));
        VBox.setVgrow(list, Priority.ALWAYS);
        return box;
    }
}
