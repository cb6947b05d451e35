package dev.loupe.app.compare;

import dev.loupe.app.compare.CompareViewModel.Against;
import dev.loupe.app.compare.CompareViewModel.HeatBasis;
import dev.loupe.app.debug.NumberFields;
import dev.loupe.app.diagram.ValueText;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/// The Compare panel (FXML): binds the [CompareViewModel]'s reference, tolerance and results to controls.
/// The node table sorts on any column (worst local error first to begin with); double-clicking a row shows
/// that node in the diagram.
public final class ComparePanelView {

    private final CompareViewModel vm;

    @FXML private VBox comparePanel;
    @FXML private ToggleGroup againstGroup;
    @FXML private RadioButton expectedRadio;
    @FXML private RadioButton float64Radio;
    @FXML private RadioButton otherRadio;
    @FXML private Label otherLabel;
    @FXML private TextField rtolField;
    @FXML private TextField atolField;
    @FXML private Button compareButton;
    @FXML private Label verdictLabel;
    @FXML private Label divergenceLabel;
    @FXML private Button jumpButton;
    @FXML private Button jumpNanButton;
    @FXML private CheckBox heatCheck;
    @FXML private ChoiceBox<HeatBasis> heatBasisChoice;
    @FXML private TableView<NodeErrorRow> nodesTable;
    @FXML private TableColumn<NodeErrorRow, Number> orderColumn;
    @FXML private TableColumn<NodeErrorRow, String> nameColumn;
    @FXML private TableColumn<NodeErrorRow, String> opColumn;
    @FXML private TableColumn<NodeErrorRow, String> verdictColumn;
    @FXML private TableColumn<NodeErrorRow, Number> localColumn;
    @FXML private TableColumn<NodeErrorRow, Number> localRelColumn;
    @FXML private TableColumn<NodeErrorRow, Number> scoreColumn;
    @FXML private TableColumn<NodeErrorRow, Number> observedColumn;
    @FXML private TableColumn<NodeErrorRow, Number> inheritedColumn;
    @FXML private TableColumn<NodeErrorRow, Number> ulpsColumn;
    @FXML private TableColumn<NodeErrorRow, String> outsideColumn;
    @FXML private TitledPane reportPane;
    @FXML private TextArea reportArea;

    private ComparePanelView(CompareViewModel vm) {
        this.vm = vm;
    }

    /// Loads the panel for `vm`.
    public static ComparePanelView create(CompareViewModel vm) {
        var loader = new FXMLLoader(ComparePanelView.class.getResource("ComparePanelView.fxml"));
        loader.setControllerFactory(c -> new ComparePanelView(vm));
        try {
            loader.load();
            return loader.getController();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the Compare panel", e);
        }
    }

    public VBox root() {
        return comparePanel;
    }

    @FXML
    private void initialize() {
        expectedRadio.setUserData(Against.EXPECTED);
        float64Radio.setUserData(Against.FLOAT64);
        otherRadio.setUserData(Against.OTHER_MODEL);
        selectAgainst(vm.againstProperty().get());
        vm.againstProperty().addListener((o, a, b) -> selectAgainst(b));
        againstGroup.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                vm.againstProperty().set((Against) t.getUserData());
            }
        });
        otherLabel.textProperty().bind(vm.otherModelProperty().map(p -> (p.getParent() == null ? ""
                : p.getParent().getFileName() + "/") + p.getFileName()).orElse("none chosen"));
        NumberFields.bind(rtolField, vm.rtolProperty());
        NumberFields.bind(atolField, vm.atolProperty());
        compareButton.disableProperty().bind(vm.canCompareProperty().not());
        verdictLabel.textProperty().bind(vm.verdictProperty());
        divergenceLabel.textProperty().bind(vm.firstDivergenceProperty());
        jumpButton.disableProperty().bind(vm.reportProperty().map(r -> r.firstDivergent().isEmpty()).orElse(true));
        jumpNanButton.disableProperty().bind(vm.reportProperty().map(r -> r.firstNonFinite().isEmpty()).orElse(true));
        heatCheck.selectedProperty().bindBidirectional(vm.showHeatProperty());
        heatBasisChoice.getItems().setAll(HeatBasis.values());
        heatBasisChoice.valueProperty().bindBidirectional(vm.heatBasisProperty());
        heatBasisChoice.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(HeatBasis b) {
                return b == null ? "" : b == HeatBasis.LOCAL ? "local error" : "observed error";
            }

            @Override
            public HeatBasis fromString(String s) {
                return null;
            }
        });
        reportArea.textProperty().bind(vm.reportTextProperty());
        bindTable();
    }

    private void selectAgainst(Against a) {
        for (var t : againstGroup.getToggles()) {
            if (t.getUserData() == a) {
                againstGroup.selectToggle(t);
            }
        }
    }

    private void bindTable() {
        var sorted = new javafx.collections.transformation.SortedList<>(vm.rows());
        sorted.comparatorProperty().bind(nodesTable.comparatorProperty());
        nodesTable.setItems(sorted);
        orderColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().order()));
        text(nameColumn, r -> r.name() + (r.where().isEmpty() ? "" : "  (" + r.where() + ")"));
        text(opColumn, NodeErrorRow::opType);
        text(verdictColumn, NodeErrorRow::verdict);
        number(localColumn, NodeErrorRow::localAbs);
        number(localRelColumn, NodeErrorRow::localRel);
        number(scoreColumn, r -> r.localScore() < 0 ? Double.NaN : r.localScore());
        number(observedColumn, NodeErrorRow::observedAbs);
        number(inheritedColumn, NodeErrorRow::inheritedAbs);
        number(ulpsColumn, r -> r.ulps() < 0 ? Double.NaN : (double) r.ulps());
        text(outsideColumn, NodeErrorRow::outside);
        scoreColumn.setSortType(TableColumn.SortType.DESCENDING);
        nodesTable.getSortOrder().setAll(java.util.List.of(scoreColumn));
        nodesTable.setOnMouseClicked(e -> {
            var row = nodesTable.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && row != null) {
                vm.jumpTo(row.node());
            }
        });
        nodesTable.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(NodeErrorRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("born-here", "inherited", "non-finite");
                if (!empty && row != null) {
                    switch (row.verdict()) {
                        case "born here" -> getStyleClass().add("born-here");
                        case "inherited" -> getStyleClass().add("inherited");
                        case "NaN/Inf" -> getStyleClass().add("non-finite");
                        default -> { }
                    }
                }
            }
        });
    }

    private static void text(TableColumn<NodeErrorRow, String> column, Function<NodeErrorRow, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
    }

    /// A numeric column: sorts by value (unmeasured, NaN, last when descending), shows `-` for NaN.
    private static void number(TableColumn<NodeErrorRow, Number> column, java.util.function.ToDoubleFunction<NodeErrorRow> value) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.applyAsDouble(c.getValue())));
        column.setComparator((a, b) -> Double.compare(nanLow(a.doubleValue()), nanLow(b.doubleValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Double.isNaN(v.doubleValue()) ? "-" : ValueText.number(v.doubleValue()));
            }
        });
    }

    private static double nanLow(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    @FXML
    private void onChooseOther() {
        var chooser = new FileChooser();
        chooser.setTitle("Model to Compare With");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX models", "*.onnx"));
        File f = chooser.showOpenDialog(comparePanel.getScene().getWindow());
        if (f != null) {
            vm.otherModelProperty().set(f.toPath());
            vm.againstProperty().set(Against.OTHER_MODEL);
        }
    }

    @FXML
    private void onCompare() {
        vm.compare();
    }

    @FXML
    private void onJump() {
        vm.jumpToFirstDivergence();
    }

    @FXML
    private void onJumpNan() {
        vm.jumpToFirstNonFinite();
    }
}
