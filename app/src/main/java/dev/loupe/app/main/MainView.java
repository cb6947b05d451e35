package dev.loupe.app.main;

import dev.loupe.app.canvas.GraphView;
import dev.loupe.app.compare.ComparePanelView;
import dev.loupe.app.debug.DebugBarView;
import dev.loupe.app.debug.DebugPanelView;
import dev.loupe.app.debug.DiagramDebugBinding;
import dev.loupe.app.debug.RunPanelView;
import dev.loupe.app.debug.ValueViewer;
import dev.loupe.app.diagram.DiagramNode;
import dev.loupe.app.edit.EditCommandsView;
import dev.loupe.app.inspect.ProblemsView;
import dev.loupe.app.inspect.PropertiesView;
import dev.loupe.app.inspect.PropertyRow;
import dev.loupe.app.inspect.PropertyTable;
import dev.loupe.app.inspect.TensorView;
import dev.loupe.app.inspect.TensorViewModel;
import dev.loupe.app.render.Palette;
import dev.loupe.app.search.SearchViewModel.SearchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javafx.application.HostServices;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/// The main window's view: the FXML shell's controller. It binds controls to the [MainViewModel], turns
/// user gestures into view-model calls, and owns the purely visual state (pan and zoom of the canvas).
public final class MainView {

    private final MainViewModel vm;
    private final Stage stage;
    private final HostServices host;
    private GraphView graphView;
    private DiagramDebugBinding debugBinding;
    private EditCommandsView editCommands;
    private DocumentCommands files;

    @FXML private BorderPane root;
    @FXML private javafx.scene.control.MenuBar menuBar;
    @FXML private javafx.scene.layout.VBox topBox;
    @FXML private Menu recentMenu;
    @FXML private Menu editMenu;
    @FXML private javafx.scene.control.TabPane sideTabs;
    @FXML private javafx.scene.control.TabPane leftTabs;
    @FXML private Tab searchTab;
    @FXML private MenuItem closeItem;
    @FXML private MenuItem saveItem;
    @FXML private MenuItem saveAsItem;
    @FXML private MenuItem undoItem;
    @FXML private MenuItem redoItem;
    @FXML private MenuItem deleteItem;
    @FXML private MenuItem renameItem;
    @FXML private MenuItem exportPngItem;
    @FXML private MenuItem exportSvgItem;
    @FXML private CheckMenuItem darkThemeItem;
    @FXML private HBox breadcrumbBar;
    @FXML private TextField searchField;
    @FXML private ListView<SearchResult> searchResults;
    @FXML private StackPane canvasHolder;
    @FXML private Label emptyHint;
    @FXML private Tab propertiesTab;
    @FXML private Tab modelTab;
    @FXML private Tab runTab;
    @FXML private Tab debugTab;
    @FXML private Tab compareTab;
    @FXML private Label statusLabel;
    @FXML private Label hoverLabel;
    @FXML private Label taskLabel;
    @FXML private ProgressBar progressBar;
    @FXML private Button cancelButton;
    @FXML private Label zoomLabel;

    private MainView(MainViewModel vm, Stage stage, HostServices host) {
        this.vm = vm;
        this.stage = stage;
        this.host = host;
    }

    /// Loads the window's content for `vm` and puts it in `stage` (not yet shown); returns the controller.
    public static MainView install(MainViewModel vm, Stage stage, HostServices host) {
        var loader = new FXMLLoader(MainView.class.getResource("MainView.fxml"));
        loader.setControllerFactory(c -> new MainView(vm, stage, host));
        try {
            BorderPane content = loader.load();
            var scene = new Scene(content, 1280, 800);
            scene.getStylesheets().add(Objects.requireNonNull(MainView.class.getResource(Palette.STYLESHEET)).toExternalForm());
            stage.setScene(scene);
            stage.titleProperty().bind(vm.titleProperty());
            stage.setOnHidden(e -> vm.shutdown());
            MainView view = loader.getController();
            stage.setOnCloseRequest(e -> {
                if (!view.files.confirmDiscard()) {
                    e.consume();
                }
            });
            return view;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the main window", e);
        }
    }

    public GraphView graphView() {
        return graphView;
    }

    public MainViewModel viewModel() {
        return vm;
    }

    /// Asks whether to recover edits an earlier session left unsaved; returns whether a model is being
    /// recovered (then nothing else should be opened).
    public boolean offerRecovery() {
        return editCommands.offerRecovery();
    }

    @FXML
    private void initialize() {
        files = new DocumentCommands(vm, stage, () -> root.getScene().getStylesheets());
        graphView = new GraphView(Palette.of(vm.theme()));
        graphView.setId("graph-view");
        graphView.visibleProperty().bind(vm.documentProperty().isNotNull());
        emptyHint.visibleProperty().bind(vm.documentProperty().isNull());
        canvasHolder.getChildren().addFirst(graphView);
        bindDiagram();
        bindDebugger();
        bindSearch();
        bindPanels();
        bindStatus();
        bindMenus();
        ProblemsView.install(vm, graphView, leftTabs);
        editCommands = EditCommandsView.install(vm, stage, menuBar, editMenu, leftTabs);
        files.installDragAndDrop(root);
        vm.errorProperty().addListener((o, old, report) -> {
            if (report != null) {
                showError(report.title(), report.message());
            }
        });
    }

    private void bindDiagram() {
        var diagram = vm.diagram();
        diagram.levelProperty().addListener((o, old, level) -> {
            boolean sameGraph = old != null && level != null && old.graph() == level.graph();
            graphView.setLayout(level == null ? null : level.index(), sameGraph);
            rebuildBreadcrumb();
        });
        diagram.highlightProperty().addListener((o, old, h) -> graphView.setHighlight(h));
        diagram.focusRequestProperty().addListener((o, old, req) -> {
            if (req != null) {
                graphView.centerOnBox(req.box());
            }
        });
        graphView.setOnSelect(diagram::select);
        graphView.setOnToggle(diagram::toggle);
        graphView.setOnEdgeDrop((edge, box) -> vm.edits().reconnectEdge(edge, box));
        graphView.setOnOpen(this::openBox);
        graphView.setOnHover(box -> {
            var level = diagram.getLevel();
            hoverLabel.setText(box < 0 || level == null ? "" : describe(level.diagram().node(box)));
        });
        graphView.setOnNavigate(code -> diagram.navigate(switch (code) {
            case UP -> DiagramViewModel.Direction.UP;
            case DOWN -> DiagramViewModel.Direction.DOWN;
            case LEFT -> DiagramViewModel.Direction.LEFT;
            default -> DiagramViewModel.Direction.RIGHT;
        }));
        graphView.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                diagram.select(-1);
            } else if (e.getCode() == KeyCode.ENTER && diagram.getSelectedBox() >= 0) {
                openBox(diagram.getSelectedBox());
            }
        });
    }

    private void bindDebugger() {
        var viewer = new ValueViewer(stage, () -> root.getScene().getStylesheets(), () -> vm.darkThemeProperty().get());
        debugBinding = new DiagramDebugBinding(vm.diagram(), vm.debugger(), graphView, viewer);
        var bar = DebugBarView.create(vm);
        topBox.getChildren().add(1, bar.toolBar());
        menuBar.getMenus().add(menuBar.getMenus().size() - 1, bar.menu());
        bar.toolBar().visibleProperty().bind(vm.documentProperty().isNotNull());
        bar.toolBar().managedProperty().bind(bar.toolBar().visibleProperty());
        debugTab.setContent(DebugPanelView.create(vm.debugger(), viewer::show).root());
        compareTab.setContent(ComparePanelView.create(vm.compare()).root());
        debugBinding.heatProperty().bind(vm.compare().heatProperty());
    }

    /// The link between the debugger and the diagram.
    public DiagramDebugBinding debugBinding() {
        return debugBinding;
    }

    private static String describe(DiagramNode item) {
        return switch (item.kind()) {
            case OPERATOR -> item.title() + "  " + item.node().displayName();
            case GROUP -> "/" + item.scope().path() + " (" + item.scope().size() + " nodes)";
            default -> item.title();
        };
    }

    /// Double-click: a node with several subgraphs (`If`) asks which one to enter.
    private void openBox(int box) {
        var level = vm.diagram().getLevel();
        var item = level == null ? null : level.diagram().node(box);
        if (item != null && (item.kind() == DiagramNode.Kind.INPUT || item.kind() == DiagramNode.Kind.OUTPUT)) {
            debugBinding.openValue(item.value());
            return;
        }
        if (item != null && item.kind() == DiagramNode.Kind.OPERATOR) {
            var bodies = DiagramViewModel.subgraphsOf(item.node());
            if (bodies.size() > 1) {
                var menu = new ContextMenu();
                for (var b : bodies) {
                    var entry = new MenuItem("Enter " + b.label() + " (" + b.graph().nodes().size() + " nodes)");
                    entry.setOnAction(e -> vm.diagram().enter(item.node(), b));
                    menu.getItems().add(entry);
                }
                var p = graphView.localToScreen(graphView.boxCenterOnScreen(box));
                menu.show(graphView, p.getX(), p.getY());
                return;
            }
        }
        vm.diagram().open(box);
    }

    private void rebuildBreadcrumb() {
        breadcrumbBar.getChildren().clear();
        var levels = vm.diagram().levels();
        for (int i = 0; i < levels.size(); i++) {
            if (i > 0) {
                var sep = new Label("›");
                sep.getStyleClass().add("separator-label");
                breadcrumbBar.getChildren().add(sep);
            }
            int target = i;
            var link = new Hyperlink(levels.get(i).title());
            link.setId("breadcrumb-" + i);
            link.setDisable(i == levels.size() - 1);
            link.setOnAction(e -> vm.diagram().goTo(target));
            breadcrumbBar.getChildren().add(link);
        }
        breadcrumbBar.setVisible(levels.size() > 1);
        breadcrumbBar.setManaged(levels.size() > 1);
    }

    private void bindSearch() {
        searchField.textProperty().bindBidirectional(vm.search().queryProperty());
        searchResults.setItems(vm.search().results());
        searchField.setOnAction(e -> {
            var chosen = searchResults.getSelectionModel().getSelectedItem();
            if (chosen == null && !searchResults.getItems().isEmpty()) {
                chosen = searchResults.getItems().getFirst();
                searchResults.getSelectionModel().selectFirst();
            }
            jumpTo(chosen);
        });
        searchField.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN && !searchResults.getItems().isEmpty()) {
                searchResults.requestFocus();
                searchResults.getSelectionModel().selectFirst();
            }
        });
        searchResults.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                jumpTo(searchResults.getSelectionModel().getSelectedItem());
            }
        });
        searchResults.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                jumpTo(searchResults.getSelectionModel().getSelectedItem());
            }
        });
    }

    private void jumpTo(SearchResult result) {
        if (result != null) {
            vm.diagram().reveal(result.nodeIndex());
            graphView.requestFocus();
        }
    }

    private void bindPanels() {
        var propertiesView = new PropertiesView(vm.properties(), host, this::openTensor);
        propertiesView.setOnEditAttribute(name -> editCommands.editAttribute(name));
        propertiesView.setOnReplaceTensor(row -> editCommands.replaceTensor(row));
        propertiesTab.setContent(propertiesView);
        var modelTable = new PropertyTable(vm.modelInfo().rows());
        modelTable.setId("model-table");
        modelTab.setContent(modelTable);
        runTab.setContent(RunPanelView.create(vm.runInputs()).root());
    }

    private void openTensor(PropertyRow row) {
        if (row == null || row.tensor() == null) {
            return;
        }
        TensorViewModel tensorVm;
        try {
            tensorVm = new TensorViewModel(row.tensor());
        } catch (RuntimeException e) {
            TensorView.showError(stage, row.tensor().name(), e.getMessage());
            return;
        }
        tensorVm.setEditor(editCommands.tensorEditor(row));
        TensorView.show(stage, tensorVm, root.getScene().getStylesheets(), vm.darkThemeProperty().get());
    }

    private void bindStatus() {
        statusLabel.textProperty().bind(vm.statusProperty());
        var tasks = vm.tasks();
        taskLabel.textProperty().bind(tasks.messageProperty());
        progressBar.progressProperty().bind(tasks.progressProperty());
        progressBar.visibleProperty().bind(tasks.busyProperty());
        progressBar.managedProperty().bind(tasks.busyProperty());
        cancelButton.visibleProperty().bind(tasks.busyProperty());
        cancelButton.managedProperty().bind(tasks.busyProperty());
        zoomLabel.textProperty().bind(graphView.zoomProperty().map(z -> Math.round(z.doubleValue() * 100) + "%"));
    }

    private void bindMenus() {
        var noDocument = vm.documentProperty().isNull();
        closeItem.disableProperty().bind(noDocument);
        saveItem.disableProperty().bind(noDocument);
        saveAsItem.disableProperty().bind(noDocument);
        var history = vm.history();
        undoItem.disableProperty().bind(history.canUndoProperty().not());
        undoItem.textProperty().bind(history.undoTextProperty());
        redoItem.disableProperty().bind(history.canRedoProperty().not());
        redoItem.textProperty().bind(history.redoTextProperty());
        var noNode = vm.diagram().selectedItemProperty().map(item -> item.node() == null).orElse(true);
        deleteItem.disableProperty().bind(noNode);
        renameItem.disableProperty().bind(noNode);
        exportPngItem.disableProperty().bind(noDocument);
        exportSvgItem.disableProperty().bind(noDocument);
        darkThemeItem.selectedProperty().bindBidirectional(vm.darkThemeProperty());
        vm.darkThemeProperty().addListener((o, old, dark) -> applyTheme());
        applyTheme();
        files.installRecentMenu(recentMenu);
    }

    private void applyTheme() {
        root.getStyleClass().remove("dark");
        if (vm.darkThemeProperty().get()) {
            root.getStyleClass().add("dark");
        }
        graphView.setPalette(Palette.of(vm.theme()));
    }

    private void showError(String title, String message) {
        var alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(stage);
        alert.setTitle("Loupe");
        alert.setHeaderText(title);
        alert.setContentText(message);
        alert.getDialogPane().setId("error-dialog");
        alert.getDialogPane().getStylesheets().setAll(root.getScene().getStylesheets());
        alert.show();
    }

    @FXML
    private void onSave() {
        vm.save();
    }

    @FXML
    private void onSaveAs() {
        files.saveAs();
    }

    @FXML
    private void onUndo() {
        vm.undo();
    }

    @FXML
    private void onRedo() {
        vm.redo();
    }

    @FXML
    private void onDelete() {
        vm.edits().deleteSelected();
    }

    @FXML
    private void onRename() {
        editCommands.renameSelected();
    }

    @FXML
    private void onOpen() {
        files.open();
    }

    @FXML
    private void onClose() {
        if (files.confirmDiscard()) {
            vm.close();
        }
    }

    @FXML
    private void onExportPng() {
        files.export(true);
    }

    @FXML
    private void onExportSvg() {
        files.export(false);
    }

    @FXML
    private void onQuit() {
        if (!files.confirmDiscard()) {
            return;
        }
        stage.close();
        Platform.exit();
    }

    @FXML
    private void onFit() {
        graphView.fit();
    }

    @FXML
    private void onZoomIn() {
        graphView.zoomBy(1.25);
    }

    @FXML
    private void onZoomOut() {
        graphView.zoomBy(0.8);
    }

    @FXML
    private void onZoomSelection() {
        int box = vm.diagram().getSelectedBox();
        if (box >= 0) {
            graphView.centerOnBox(box);
        }
    }

    @FXML
    private void onFind() {
        leftTabs.getSelectionModel().select(searchTab);
        searchField.requestFocus();
        searchField.selectAll();
    }

    @FXML
    private void onOpenSelected() {
        int box = vm.diagram().getSelectedBox();
        if (box >= 0) {
            openBox(box);
        }
    }

    @FXML
    private void onCollapseSelected() {
        vm.diagram().collapseSelection();
    }

    @FXML
    private void onExpandAll() {
        vm.diagram().setAllGroups(true);
    }

    @FXML
    private void onCollapseAll() {
        vm.diagram().setAllGroups(false);
    }

    @FXML
    private void onExpandCall() {
        vm.diagram().expandSelectedCall();
    }

    @FXML
    private void onCollapseCall() {
        vm.diagram().collapseSelectedCall();
    }

    @FXML
    private void onBack() {
        vm.diagram().goTo(vm.diagram().levels().size() - 2);
    }

    @FXML
    private void onCancel() {
        vm.cancel();
    }

    @FXML
    private void onAbout() {
        var alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(stage);
        alert.setTitle("About Loupe");
        alert.setHeaderText("Loupe");
        alert.setContentText("An ONNX graph inspector, debugger and editor.\nJava " + Runtime.version()
                + ", JavaFX " + System.getProperty("javafx.runtime.version", "?"));
        alert.getDialogPane().getStylesheets().setAll(root.getScene().getStylesheets());
        alert.show();
    }
}
