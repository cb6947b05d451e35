package dev.loupe.app.debug;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/// The Run panel (FXML): binds [RunInputsViewModel]'s rows, dimensions and seed to controls, and turns
/// buttons, file choosers and dropped files into view-model calls. Input rows and dimension rows are built
/// in code, as the model's inputs vary.
public final class RunPanelView {

    private final RunInputsViewModel vm;

    @FXML private javafx.scene.control.ScrollPane runRoot;
    @FXML private Label summaryLabel;
    @FXML private TextField seedField;
    @FXML private HBox dataSetBox;
    @FXML private ComboBox<Path> dataSetCombo;
    @FXML private VBox inputsBox;
    @FXML private Label dimsTitle;
    @FXML private GridPane dimsGrid;
    @FXML private Label expectedLabel;
    @FXML private Button loadFolderButton;
    @FXML private Button loadFilesButton;
    @FXML private Button randomAllButton;

    private RunPanelView(RunInputsViewModel vm) {
        this.vm = vm;
    }

    /// Loads the panel for `vm`.
    public static RunPanelView create(RunInputsViewModel vm) {
        var loader = new FXMLLoader(RunPanelView.class.getResource("RunPanelView.fxml"));
        loader.setControllerFactory(c -> new RunPanelView(vm));
        try {
            loader.load();
            return loader.getController();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the Run panel", e);
        }
    }

    public Parent root() {
        return runRoot;
    }

    @FXML
    private void initialize() {
        summaryLabel.textProperty().bind(vm.summaryProperty());
        NumberFields.bind(seedField, vm.seedProperty());
        dataSetCombo.setItems(vm.dataSets());
        dataSetCombo.setConverter(new StringConverter<>() {
            @Override
            public String toString(Path p) {
                return p == null ? "" : p.getFileName().toString();
            }

            @Override
            public Path fromString(String s) {
                return null;
            }
        });
        vm.dataSets().addListener((ListChangeListener<Path>) c -> showDataSets());
        showDataSets();
        vm.rows().addListener((ListChangeListener<InputRowViewModel>) c -> rebuildInputs());
        vm.dims().addListener((ListChangeListener<DimBinding>) c -> rebuildDims());
        rebuildInputs();
        rebuildDims();
        expectedLabel.textProperty().bind(vm.expectedProperty().map(m -> m.isEmpty() ? "none loaded"
                : String.join(", ", m.keySet()) + " from " + vm.expectedSourceProperty().get()));
        var noModel = vm.summaryProperty().isEmpty();
        loadFolderButton.disableProperty().bind(noModel);
        loadFilesButton.disableProperty().bind(noModel);
        randomAllButton.disableProperty().bind(noModel);
        runRoot.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        runRoot.setOnDragDropped(e -> {
            var files = e.getDragboard().getFiles();
            boolean ok = files != null && !files.isEmpty();
            if (ok) {
                if (files.size() == 1 && files.getFirst().isDirectory()) {
                    vm.loadFolder(files.getFirst().toPath());
                } else {
                    vm.loadFiles(files.stream().map(File::toPath).toList(), null);
                }
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private void showDataSets() {
        boolean any = !vm.dataSets().isEmpty();
        dataSetBox.setVisible(any);
        dataSetBox.setManaged(any);
        if (any) {
            dataSetCombo.getSelectionModel().selectFirst();
        }
    }

    private void rebuildInputs() {
        inputsBox.getChildren().clear();
        for (int i = 0; i < vm.rows().size(); i++) {
            inputsBox.getChildren().add(inputRow(vm.rows().get(i), i));
        }
    }

    private VBox inputRow(InputRowViewModel row, int index) {
        var name = new Label(row.name());
        name.getStyleClass().add("input-name");
        var type = new Label(row.typeText());
        type.getStyleClass().add("muted-label");
        var status = new Label();
        status.setId("input-status-" + index);
        status.textProperty().bind(row.statusProperty());
        row.satisfiedProperty().addListener((o, a, ok) -> markStatus(status, ok));
        markStatus(status, row.isSatisfied());
        var source = new Label();
        source.getStyleClass().add("muted-label");
        source.textProperty().bind(row.sourceProperty().map(s -> s.isEmpty() ? "" : "from " + s));

        var load = new Button("Load…");
        load.setId("input-load-" + index);
        load.setOnAction(e -> chooseFile(row));
        var random = new Button("Random");
        random.setId("input-random-" + index);
        random.setDisable(!row.canRandomize());
        random.setOnAction(e -> vm.randomize(row));
        var low = numberField(row.lowProperty());
        var high = numberField(row.highProperty());
        low.setDisable(!row.canRandomize());
        high.setDisable(!row.canRandomize());
        var clear = new Button("Clear");
        clear.setOnAction(e -> vm.clear(row));
        var typed = new TextField();
        typed.setId("input-typed-" + index);
        typed.setPromptText("or type values: 1, 2, 3 … (Enter)");
        typed.setOnAction(e -> {
            var problem = vm.setTyped(row, typed.getText());
            typed.getStyleClass().remove("invalid");
            if (problem != null) {
                typed.getStyleClass().add("invalid");
                typed.setTooltip(new javafx.scene.control.Tooltip(problem));
            }
        });
        var header = new HBox(6, name, type);
        var buttons = new FlowPane(6, 4, load, random, new Label("from"), low, new Label("to"), high, clear);
        var box = new VBox(3, header, status, source, buttons, typed);
        box.setId("input-row-" + index);
        box.getStyleClass().add("input-row");
        return box;
    }

    private static void markStatus(Label status, boolean ok) {
        status.getStyleClass().removeAll("ok-text", "error-text");
        status.getStyleClass().add(ok ? "ok-text" : "error-text");
    }

    private static TextField numberField(javafx.beans.property.DoubleProperty property) {
        var field = new TextField();
        field.setPrefColumnCount(4);
        NumberFields.bind(field, property);
        return field;
    }

    private void rebuildDims() {
        dimsGrid.getChildren().clear();
        boolean any = !vm.dims().isEmpty();
        dimsTitle.setVisible(any);
        dimsTitle.setManaged(any);
        dimsGrid.setVisible(any);
        dimsGrid.setManaged(any);
        for (int i = 0; i < vm.dims().size(); i++) {
            var d = vm.dims().get(i);
            var spinner = new Spinner<Integer>(1, Integer.MAX_VALUE, d.getSize());
            spinner.setId("dim-" + d.name());
            spinner.setEditable(true);
            spinner.setPrefWidth(90);
            spinner.valueProperty().addListener((o, a, v) -> d.setSize(v));
            d.sizeProperty().addListener((o, a, v) -> spinner.getValueFactory().setValue(v.intValue()));
            var usedBy = new Label(d.usedBy());
            usedBy.getStyleClass().add("muted-label");
            dimsGrid.addRow(i, new Label(d.name()), spinner, usedBy);
        }
    }

    private void chooseFile(InputRowViewModel row) {
        var chooser = valueChooser("Load Value for " + row.name());
        File f = chooser.showOpenDialog(runRoot.getScene().getWindow());
        if (f != null) {
            vm.loadFiles(List.of(f.toPath()), row);
        }
    }

    private static FileChooser valueChooser(String title) {
        var chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Values (.pb, .npy, .npz)", "*.pb", "*.npy", "*.npz"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return chooser;
    }

    @FXML
    private void onLoadFolder() {
        var chooser = new DirectoryChooser();
        chooser.setTitle("Load Inputs from a Test-Data Folder");
        if (!vm.dataSets().isEmpty()) {
            chooser.setInitialDirectory(vm.dataSets().getFirst().getParent().toFile());
        }
        File dir = chooser.showDialog(runRoot.getScene().getWindow());
        if (dir != null) {
            vm.loadFolder(dir.toPath());
        }
    }

    @FXML
    private void onLoadFiles() {
        var files = valueChooser("Load Input Values").showOpenMultipleDialog(runRoot.getScene().getWindow());
        if (files != null && !files.isEmpty()) {
            vm.loadFiles(files.stream().map(File::toPath).toList(), null);
        }
    }

    @FXML
    private void onRandomAll() {
        vm.randomizeAll();
    }

    @FXML
    private void onLoadDataSet() {
        var chosen = dataSetCombo.getValue();
        if (chosen != null) {
            vm.loadFolder(chosen);
        }
    }
}
