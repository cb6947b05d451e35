package dev.loupe.app.inspect;

import dev.loupe.app.diagram.ValueText;
import dev.loupe.model.TensorData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/// The tensor viewer window (FXML): statistics, a virtualized table of one 2-D slice with spinners for the
/// leading axes, the slice as an image, a histogram, and saving as `.npy`.
public final class TensorView {

    /// Columns shown at once; the "first column" spinner pages through wider slices.
    static final int MAX_COLUMNS = 64;
    /// Larger slices are not drawn as an image.
    private static final long MAX_IMAGE_PIXELS = 16L << 20;

    private final TensorViewModel vm;
    private final Stage stage;

    @FXML private Label nameLabel;
    @FXML private Label typeLabel;
    @FXML private GridPane statsGrid;
    @FXML private FlowPane sliceBox;
    @FXML private Spinner<Integer> columnSpinner;
    @FXML private TableView<Integer> valuesTable;
    @FXML private BarChart<String, Number> histogramChart;
    @FXML private ImageView sliceImage;
    @FXML private ChoiceBox<ColorMaps.Mode> colorModeChoice;
    @FXML private CheckBox channelsCheck;
    @FXML private Label imageCaption;

    private TensorView(TensorViewModel vm, Stage stage) {
        this.vm = vm;
        this.stage = stage;
    }

    /// Opens a viewer window for `tensor`; shows an error dialog when its values cannot be shown.
    public static Stage show(Window owner, TensorData tensor, List<String> stylesheets, boolean dark) {
        TensorViewModel vm;
        try {
            vm = new TensorViewModel(tensor);
        } catch (RuntimeException e) {
            showError(owner, tensor.name(), e.getMessage());
            return null;
        }
        return show(owner, vm, stylesheets, dark);
    }

    /// Tells the user that tensor `name` cannot be shown, and why.
    public static void showError(Window owner, String name, String reason) {
        var alert = new Alert(Alert.AlertType.ERROR, reason);
        alert.initOwner(owner);
        alert.setHeaderText("Cannot show tensor '" + name + "'");
        alert.show();
    }

    /// Opens a viewer window for a view model already made (off the FX thread, for a large tensor).
    public static Stage show(Window owner, TensorViewModel vm, List<String> stylesheets, boolean dark) {
        var stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Tensor " + vm.name());
        var loader = new FXMLLoader(TensorView.class.getResource("TensorView.fxml"));
        loader.setControllerFactory(c -> new TensorView(vm, stage));
        try {
            Parent content = loader.load();
            if (dark) {
                content.getStyleClass().add("dark");
            }
            var scene = new Scene(content, 760, 560);
            scene.getStylesheets().setAll(stylesheets);
            stage.setScene(scene);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the tensor viewer", e);
        }
        stage.show();
        return stage;
    }

    @FXML
    private void initialize() {
        nameLabel.setText(vm.name() + (vm.isEditable() ? "  (double-click a value to edit it)" : ""));
        typeLabel.setText(vm.typeText());
        showStatistics();
        for (int axis = 0; axis < vm.leadingIndexes().size(); axis++) {
            var spinner = new Spinner<Integer>(0, Math.max(0, vm.axisSize(axis) - 1), 0);
            spinner.setPrefWidth(80);
            spinner.setEditable(true);
            vm.leadingIndexes().get(axis).bind(spinner.valueProperty());
            sliceBox.getChildren().addAll(new Label("axis " + axis), spinner);
        }
        columnSpinner.setValueFactory(new javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory(
                0, Math.max(0, vm.columns() - 1), 0, MAX_COLUMNS));
        columnSpinner.valueProperty().addListener((o, a, b) -> rebuildColumns());
        vm.sliceVersionProperty().addListener((o, a, b) -> {
            valuesTable.refresh();
            showSliceImage();
            showStatistics();
        });
        colorModeChoice.getItems().setAll(ColorMaps.Mode.values());
        colorModeChoice.valueProperty().bindBidirectional(vm.colorModeProperty());
        vm.colorModeProperty().addListener((o, a, b) -> showSliceImage());
        channelsCheck.setVisible(vm.hasChannels());
        channelsCheck.setManaged(vm.hasChannels());
        channelsCheck.selectedProperty().addListener((o, a, b) -> showSliceImage());
        showSliceImage();
        int rows = vm.rows();
        valuesTable.setItems(FXCollections.observableList(new AbstractList<>() {
            @Override
            public Integer get(int index) {
                return index;
            }

            @Override
            public int size() {
                return rows;
            }
        }));
        rebuildColumns();
        var series = new XYChart.Series<String, Number>();
        var counts = vm.histogram();
        for (int b = 0; b < counts.length; b++) {
            series.getData().add(new XYChart.Data<>(ValueText.number(vm.binStart(b)), counts[b]));
        }
        histogramChart.getData().add(series);
    }

    private void showStatistics() {
        statsGrid.getChildren().clear();
        int col = 0;
        for (var row : vm.statisticRows()) {
            statsGrid.add(new Label(row[0]), col, 0);
            var value = new Label(row[1]);
            value.setId("stat-" + row[0].replaceAll("[^A-Za-z]", ""));
            statsGrid.add(value, col, 1);
            col++;
        }
    }

    private void rebuildColumns() {
        valuesTable.getColumns().clear();
        var rowHeader = new TableColumn<Integer, String>("");
        rowHeader.setCellValueFactory(c -> new ReadOnlyStringWrapper(Integer.toString(c.getValue())));
        rowHeader.setSortable(false);
        rowHeader.setPrefWidth(50);
        valuesTable.getColumns().add(rowHeader);
        int first = columnSpinner.getValue() == null ? 0 : columnSpinner.getValue();
        for (int c = first; c < Math.min(vm.columns(), first + MAX_COLUMNS); c++) {
            int column = c;
            var col = new TableColumn<Integer, String>(Integer.toString(c));
            col.setSortable(false);
            col.setPrefWidth(80);
            col.setCellValueFactory(cell -> new ReadOnlyStringWrapper(ValueText.number(vm.value(cell.getValue(), column))));
            if (vm.isEditable()) {
                valuesTable.setEditable(true);
                col.setCellFactory(javafx.scene.control.cell.TextFieldTableCell.forTableColumn());
                col.setOnEditCommit(e -> {
                    var refused = vm.setValue(e.getRowValue(), column, e.getNewValue());
                    if (refused != null) {
                        valuesTable.refresh();
                        var alert = new Alert(Alert.AlertType.ERROR, refused);
                        alert.initOwner(stage);
                        alert.setHeaderText("Cannot change tensor '" + vm.name() + "'");
                        alert.show();
                    }
                });
            }
            valuesTable.getColumns().add(col);
        }
    }

    /// The slice (or, for NCHW tensors on request, every channel of the chosen batch element) as an image,
    /// scaled up without smoothing so small kernels stay legible.
    private void showSliceImage() {
        boolean mosaic = channelsCheck.isSelected() && vm.hasChannels();
        int n = vm.leadingIndexes().isEmpty() ? 0 : vm.leadingIndexes().getFirst().get();
        long pixels = mosaic ? (long) vm.axisSize(1) * vm.rows() * vm.columns() : (long) vm.columns() * vm.rows();
        if (pixels > MAX_IMAGE_PIXELS) {
            sliceImage.setImage(null);
            imageCaption.setText("too large to draw");
            return;
        }
        int w;
        int h;
        int[] argb;
        if (mosaic) {
            var m = vm.channelMosaic(n);
            w = m.width();
            h = m.height();
            argb = m.argb();
            imageCaption.setText(vm.axisSize(1) + " channels of batch element " + n + ", " + m.columns() + " per row");
        } else {
            w = vm.columns();
            h = vm.rows();
            argb = vm.sliceImage();
            imageCaption.setText(h + " × " + w);
        }
        var image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        sliceImage.setImage(image);
        double scale = Math.max(1, Math.floor(Math.min(480.0 / w, 360.0 / h)));
        sliceImage.setFitWidth(w * scale);
        sliceImage.setFitHeight(h * scale);
    }

    @FXML
    private void onSave() {
        var chooser = new FileChooser();
        chooser.setTitle("Save Tensor as .npy");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("NumPy array", "*.npy"));
        chooser.setInitialFileName(vm.name().replaceAll("[^A-Za-z0-9._-]", "_") + ".npy");
        var f = chooser.showSaveDialog(stage);
        if (f == null) {
            return;
        }
        try {
            vm.saveNpy(f.toPath());
        } catch (IOException e) {
            var alert = new Alert(Alert.AlertType.ERROR, e.getMessage());
            alert.initOwner(stage);
            alert.setHeaderText("Cannot save " + f.getName());
            alert.show();
        }
    }

    @FXML
    private void onClose() {
        stage.close();
    }
}
