package dev.loupe.app.inspect;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/// A two-column table of [PropertyRow]s; section headings are shown in bold across the name column.
public final class PropertyTable extends TableView<PropertyRow> {

    public PropertyTable(ObservableList<PropertyRow> rows) {
        super(rows);
        getStyleClass().add("property-table");
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        var name = new TableColumn<PropertyRow, String>("Property");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().isHeading() ? c.getValue().section() : c.getValue().name()));
        name.setPrefWidth(130);
        name.setSortable(false);
        var value = new TableColumn<PropertyRow, String>("Value");
        value.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().value()));
        value.setSortable(false);
        value.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.length() < 30 ? null : new Tooltip(item));
            }
        });
        getColumns().add(name);
        getColumns().add(value);
        setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(PropertyRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("property-section");
                if (!empty && item != null && item.isHeading()) {
                    getStyleClass().add("property-section");
                }
            }
        });
        setPlaceholder(new javafx.scene.control.Label("Nothing selected"));
    }
}
