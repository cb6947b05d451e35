package dev.loupe.app.inspect;

import java.util.function.Consumer;
import javafx.application.HostServices;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/// The properties panel: a header with the category chip, op type and name, a link to the operator's
/// documentation, the property table, and a button that opens the selected constant in the tensor viewer.
public final class PropertiesView extends VBox {

    private final PropertyTable table;
    private Consumer<String> onEditAttribute;
    private Consumer<PropertyRow> onReplaceTensor;

    public PropertiesView(PropertiesViewModel vm, HostServices host, Consumer<PropertyRow> openTensor) {
        setSpacing(4);
        setPadding(new Insets(4));
        var chip = new Label();
        chip.getStyleClass().add("category-chip");
        chip.textProperty().bind(vm.titleProperty());
        chip.visibleProperty().bind(vm.titleProperty().isNotEmpty());
        vm.categoryProperty().addListener((o, old, c) -> {
            chip.getStyleClass().setAll("label", "category-chip");
            if (c != null && !c.isEmpty()) {
                chip.getStyleClass().add(c);
            }
        });
        var name = new Label();
        name.textProperty().bind(vm.subtitleProperty());
        name.setId("properties-subtitle");
        var link = new Hyperlink("Operator documentation");
        link.visibleProperty().bind(vm.docUrlProperty().isNotEmpty());
        link.managedProperty().bind(link.visibleProperty());
        link.setOnAction(e -> {
            if (host != null) {
                host.showDocument(vm.docUrlProperty().get());
            }
        });
        var header = new HBox(6, chip, name);
        table = new PropertyTable(vm.rows());
        table.setId("properties-table");
        VBox.setVgrow(table, Priority.ALWAYS);
        var open = new Button("Open Tensor…");
        open.setId("open-tensor");
        open.disableProperty().bind(table.getSelectionModel().selectedItemProperty().map(r -> r.tensor() == null).orElse(true));
        open.setOnAction(e -> openTensor.accept(table.getSelectionModel().getSelectedItem()));
        table.setOnMouseClicked(e -> {
            var row = table.getSelectionModel().getSelectedItem();
            if (e.getButton() != MouseButton.PRIMARY || e.getClickCount() != 2 || row == null) {
                return;
            }
            if (row.tensor() != null) {
                openTensor.accept(row);
            } else if (onEditAttribute != null && row.section().equals("Attributes") && !row.isHeading()) {
                onEditAttribute.accept(attributeName(row));
            }
        });
        var replace = new javafx.scene.control.MenuItem("Replace from File…");
        replace.setId("replace-tensor-item");
        replace.setOnAction(e -> {
            var row = table.getSelectionModel().getSelectedItem();
            if (onReplaceTensor != null && row != null) {
                onReplaceTensor.accept(row);
            }
        });
        table.setContextMenu(new javafx.scene.control.ContextMenu(replace));
        table.getContextMenu().setOnShowing(e -> {
            var row = table.getSelectionModel().getSelectedItem();
            replace.setDisable(row == null || !isReplaceable(row));
        });
        getChildren().addAll(header, link, table, open);
    }

    /// What a double-click on an attribute row (other than a tensor) does: given the attribute's name.
    public void setOnEditAttribute(Consumer<String> action) {
        onEditAttribute = action;
    }

    /// What "Replace from File…" in the table's context menu does: given a row holding a tensor attribute
    /// or an initializer input.
    public void setOnReplaceTensor(Consumer<PropertyRow> action) {
        onReplaceTensor = action;
    }

    /// Whether `row` shows a tensor that a file may replace: a tensor attribute, or an initializer input.
    public static boolean isReplaceable(PropertyRow row) {
        return row.tensor() != null && (row.section().equals("Attributes") || row.value().endsWith(" (initializer)"));
    }

    /// The value an input or output row shows: the text before " : ".
    public static String valueName(PropertyRow row) {
        int colon = row.value().indexOf(" : ");
        return colon < 0 ? row.value() : row.value().substring(0, colon);
    }

    /// The attribute a row of the "Attributes" section shows: its name without the type in brackets.
    public static String attributeName(PropertyRow row) {
        int bracket = row.name().lastIndexOf(" (");
        return bracket < 0 ? row.name() : row.name().substring(0, bracket);
    }

    public PropertyTable table() {
        return table;
    }
}
