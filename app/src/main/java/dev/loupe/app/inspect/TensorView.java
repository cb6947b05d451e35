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
            var alert = new Alert(Alert.AlertType.ERROR, e.getMessage());
            alert.initOwner(owner);
            alert.setHeaderText("Cannot show tensor '" + tensor.name() + "'");
            alert.show();
            return null;
        }
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
        nameLabel.setText(vm.name());
        typeLabel.setText(vm.typeText());
        int col = 0;
        for (var row : vm.statisticRows()) {
            statsGrid.add(new Label(row[0]), col, 0);
            var value = new Label(row[1]);
            value.setId("stat-" + row[0].replaceAll("[^A-Za-z]", ""));
            statsGrid.add(value, col, 1);
            col++;
        }
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
        });
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
            valuesTable.getColumns().add(col);
        }
    }

    /// The slice as a grey-level image, scaled up without smoothing so small kernels stay legible.
    private void showSliceImage() {
        int w = vm.columns();
        int h = vm.rows();
        if ((long) w * h > MAX_IMAGE_PIXELS) {
            sliceImage.setImage(null);
            return;
        }
        var image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), vm.sliceImage(), 0, w);
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
