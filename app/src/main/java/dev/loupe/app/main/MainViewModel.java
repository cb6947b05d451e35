package dev.loupe.app.main;

import dev.loupe.app.compare.CompareViewModel;
import dev.loupe.app.debug.DebugLocation;
import dev.loupe.app.debug.DebuggerViewModel;
import dev.loupe.app.debug.DimensionBindingStore;
import dev.loupe.app.debug.RunInputsViewModel;
import dev.loupe.app.inspect.ModelInfoViewModel;
import dev.loupe.app.inspect.PropertiesViewModel;
import dev.loupe.app.render.GraphRenderer;
import dev.loupe.app.render.RenderOptions;
import dev.loupe.app.render.Theme;
import dev.loupe.app.search.SearchViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/// The main window's state: the open model, recent files, theme, status line, background work and the
/// errors to show. Holds properties only; the [MainView] binds to them. FX thread only.
public final class MainViewModel {

    /// A failure to show in a dialog; `serial` makes two equal reports distinct events.
    public record ErrorReport(String title, String message, long serial) {}

    private final RecentFiles recentFiles;
    private final TaskRunner runner = new TaskRunner();
    private final ReadOnlyObjectWrapper<ModelDocument> document = new ReadOnlyObjectWrapper<>(this, "document");
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty(this, "status", "Ready");
    private final BooleanProperty darkTheme = new SimpleBooleanProperty(this, "darkTheme");
    private final ReadOnlyObjectWrapper<ErrorReport> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final DiagramViewModel diagram = new DiagramViewModel(runner, status::set);
    private final SearchViewModel search = new SearchViewModel();
    private final PropertiesViewModel properties = new PropertiesViewModel();
    private final ModelInfoViewModel modelInfo = new ModelInfoViewModel();
    private final TaskRunner debugRunner = new TaskRunner();
    private final RunInputsViewModel runInputs;
    private final DebuggerViewModel debugger;
    private final CompareViewModel compare;
    private final StringBinding title;
    private long errorSerial;

    public MainViewModel(RecentFiles recentFiles) {
        this(recentFiles, DimensionBindingStore.userDefault());
    }

    /// A main window's state with recent files and dimension bindings kept in the given stores.
    public MainViewModel(RecentFiles recentFiles, DimensionBindingStore dimensions) {
        this.recentFiles = recentFiles;
        this.runInputs = new RunInputsViewModel(debugRunner, dimensions, status::set, this::report);
        this.debugger = new DebuggerViewModel(debugRunner, runInputs, status::set, this::report);
        this.compare = new CompareViewModel(debugRunner, runInputs, status::set, this::report, this::reveal);
        recent.setAll(recentFiles.list());
        title = Bindings.createStringBinding(() -> document.get() == null ? "Loupe"
                : document.get().fileName() + " — Loupe", document);
        diagram.levelProperty().addListener((o, old, level) -> search.setGraph(level == null ? null : level.builder()));
        diagram.selectedItemProperty().addListener((o, old, item) -> {
            var doc = document.get();
            properties.show(item, doc == null ? null : doc.catalog());
        });
    }

    public DiagramViewModel diagram() {
        return diagram;
    }

    public SearchViewModel search() {
        return search;
    }

    public PropertiesViewModel properties() {
        return properties;
    }

    public ModelInfoViewModel modelInfo() {
        return modelInfo;
    }

    public TaskRunner tasks() {
        return runner;
    }

    /// Background work of the debugger: reading inputs, compiling, running, comparing.
    public TaskRunner debugTasks() {
        return debugRunner;
    }

    /// The Run panel: the inputs a run of the open model takes.
    public RunInputsViewModel runInputs() {
        return runInputs;
    }

    /// The debugger: runs of the open model, stepping and breakpoints.
    public DebuggerViewModel debugger() {
        return debugger;
    }

    /// Comparisons of the open model's run with a reference.
    public CompareViewModel compare() {
        return compare;
    }

    /// Shows the node at `location` in the diagram (entering the bodies around it) and selects it.
    public void reveal(DebugLocation location) {
        diagram.showBodies(location.bodies(), () -> diagram.reveal(location.nodeIndex()));
    }

    public ReadOnlyObjectProperty<ModelDocument> documentProperty() {
        return document.getReadOnlyProperty();
    }

    public ModelDocument getDocument() {
        return document.get();
    }

    public ObservableList<Path> recentFiles() {
        return recent;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    public Theme theme() {
        return darkTheme.get() ? Theme.DARK : Theme.LIGHT;
    }

    public ReadOnlyObjectProperty<ErrorReport> errorProperty() {
        return error.getReadOnlyProperty();
    }

    public StringBinding titleProperty() {
        return title;
    }

    /// Opens `path` in the background; the model shown so far stays until the new one is ready.
    public void open(Path path) {
        status.set("Opening " + path.getFileName() + "…");
        runner.run(new ModelLoadTask(path), this::show, failure -> {
            var reason = failure.getMessage() == null ? failure.toString() : failure.getMessage();
            status.set("Could not open " + path.getFileName());
            if (!Files.exists(path)) {
                recent.setAll(recentFiles.remove(path.toAbsolutePath().normalize()));
            }
            report("Cannot open " + path.getFileName(), reason);
        }, () -> status.set("Opening " + path.getFileName() + " cancelled"));
    }

    /// Closes the open model.
    public void close() {
        var old = document.get();
        document.set(null);
        diagram.reset(null, null);
        modelInfo.show(null);
        runInputs.setModel(null, null);
        debugger.setModel(null);
        compare.setModel(null);
        if (old != null) {
            old.model().close();
        }
        status.set("Ready");
    }

    /// Cancels the running background work (opening, layout, export).
    public void cancel() {
        runner.cancel();
    }

    /// Writes the whole current diagram as PNG (`png`) or SVG to `out`, in the background.
    public void export(Path out, boolean png) {
        var level = diagram.getLevel();
        if (level == null) {
            return;
        }
        var options = RenderOptions.defaults().withTheme(theme());
        var task = new Task<GraphRenderer.Result>() {
            @Override
            protected GraphRenderer.Result call() throws Exception {
                updateMessage("Exporting " + out.getFileName() + "…");
                return png ? GraphRenderer.writePng(level.layout(), out, options)
                        : GraphRenderer.writeSvg(level.layout(), out, options);
            }
        };
        runner.run(task, r -> status.set("Exported " + out.getFileName() + " (" + r.width() + "×" + r.height() + ")"),
                e -> report("Cannot export " + out.getFileName(), String.valueOf(e.getMessage())),
                () -> status.set("Export cancelled"));
    }

    /// Releases the model and stops background work, when the window closes.
    public void shutdown() {
        debugger.shutdown();
        compare.shutdown();
        runner.shutdown();
        debugRunner.shutdown();
        var old = document.get();
        if (old != null) {
            old.model().close();
        }
    }

    private void show(ModelDocument doc) {
        var old = document.get();
        document.set(doc);
        diagram.reset(doc.mainLevel(), doc.catalog());
        modelInfo.show(doc.model());
        runInputs.setModel(doc.model(), doc.path());
        debugger.setModel(doc.model());
        compare.setModel(doc.model());
        if (old != null) {
            old.model().close();
        }
        recent.setAll(recentFiles.add(doc.path()));
        var t = doc.timings();
        long errors = doc.problems().stream().filter(dev.loupe.model.check.Problem::isError).count();
        status.set(String.format("%s: %,d nodes · parse %d ms · shapes %d ms · layout %d ms (check %d ms)%s", doc.fileName(),
                doc.model().graph().nodes().size(), t.parseMillis(), t.inferMillis(), t.layoutMillis(), t.checkMillis(),
                errors == 0 ? "" : " · " + errors + " check errors"));
    }

    private void report(String title, String message) {
        error.set(new ErrorReport(title, message, ++errorSerial));
    }
}
