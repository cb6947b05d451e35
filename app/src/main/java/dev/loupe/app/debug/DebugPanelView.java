package dev.loupe.app.debug;

import dev.loupe.app.debug.DebuggerViewModel.StopValue;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BiConsumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.SetChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/// The Debug panel (FXML): the stop description and the values of the node paused at (double-click or
/// "Open Tensor…" opens one in the tensor viewer), and the breakpoints — on nodes, on operator types, and
/// the conditions on outputs.
public final class DebugPanelView {

    private final DebuggerViewModel vm;
    private final BiConsumer<String, RuntimeValue> openValue;
    private final ObservableList<Node> nodes = FXCollections.observableArrayList();

    @FXML private VBox debugPanel;
    @FXML private Label stopLabel;
    @FXML private TableView<StopValue> valuesTable;
    @FXML private TableColumn<StopValue, String> roleColumn;
    @FXML private TableColumn<StopValue, String> nameColumn;
    @FXML private TableColumn<StopValue, String> summaryColumn;
    @FXML private Button openValueButton;
    @FXML private ListView<Node> nodeList;
    @FXML private Button removeNodeButton;
    @FXML private TextField opTypeField;
    @FXML private ListView<String> opTypeList;
    @FXML private Button removeOpTypeButton;
    @FXML private CheckBox nonFiniteCheck;
    @FXML private CheckBox largeCheck;
    @FXML private TextField boundField;

    private DebugPanelView(DebuggerViewModel vm, BiConsumer<String, RuntimeValue> openValue) {
        this.vm = vm;
        this.openValue = openValue;
    }

    /// Loads the panel for `vm`; `openValue` shows a value in the tensor viewer.
    public static DebugPanelView create(DebuggerViewModel vm, BiConsumer<String, RuntimeValue> openValue) {
        var loader = new FXMLLoader(DebugPanelView.class.getResource("DebugPanelView.fxml"));
        loader.setControllerFactory(c -> new DebugPanelView(vm, openValue));
        try {
            loader.load();
            return loader.getController();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the Debug panel", e);
        }
    }

    public VBox root() {
        return debugPanel;
    }

    @FXML
    private void initialize() {
        stopLabel.textProperty().bind(vm.stopTextProperty());
        valuesTable.setItems(vm.stopValues());
        roleColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().role()));
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        summaryColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().summary()));
        valuesTable.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                onOpenValue();
            }
        });
        openValueButton.disableProperty().bind(valuesTable.getSelectionModel().selectedItemProperty()
                .map(v -> v.value() == null).orElse(true));

        var bps = vm.breakpoints();
        nodes.setAll(bps.nodes());
        bps.nodes().addListener((SetChangeListener<Node>) c -> nodes.setAll(bps.nodes()));
        nodeList.setItems(nodes);
        nodeList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Node n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : n.displayName() + "  (" + n.opType() + ")");
            }
        });
        removeNodeButton.disableProperty().bind(nodeList.getSelectionModel().selectedItemProperty().isNull());
        opTypeList.setItems(bps.opTypes());
        removeOpTypeButton.disableProperty().bind(opTypeList.getSelectionModel().selectedItemProperty().isNull());
        nonFiniteCheck.selectedProperty().bindBidirectional(bps.onNonFiniteProperty());
        largeCheck.selectedProperty().bindBidirectional(bps.onLargeValuesProperty());
        NumberFields.bind(boundField, bps.boundProperty());
    }

    @FXML
    private void onOpenValue() {
        var v = valuesTable.getSelectionModel().getSelectedItem();
        if (v != null && v.value() != null) {
            openValue.accept(v.name(), v.value());
        }
    }

    @FXML
    private void onRemoveNode() {
        var n = nodeList.getSelectionModel().getSelectedItem();
        if (n != null) {
            vm.breakpoints().nodes().remove(n);
        }
    }

    @FXML
    private void onAddOpType() {
        vm.breakpoints().addOpType(opTypeField.getText());
        opTypeField.clear();
    }

    @FXML
    private void onRemoveOpType() {
        var op = opTypeList.getSelectionModel().getSelectedItem();
        if (op != null) {
            vm.breakpoints().opTypes().remove(op);
        }
    }
}
