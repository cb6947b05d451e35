package dev.loupe.app.main;

import dev.loupe.app.compare.CompareViewModel;
import dev.loupe.app.debug.DebugLocation;
import dev.loupe.app.debug.DebuggerViewModel;
import dev.loupe.app.debug.DimensionBindingStore;
import dev.loupe.app.debug.RunInputsViewModel;
import dev.loupe.app.edit.DocumentJournal;
import dev.loupe.app.edit.EditActions;
import dev.loupe.app.edit.RecoveryJournal;
import dev.loupe.app.edit.GraphTools;
import dev.loupe.app.edit.ValueActions;
import dev.loupe.app.inspect.ModelInfoViewModel;
import dev.loupe.app.inspect.PropertiesViewModel;
import dev.loupe.app.inspect.ProblemsViewModel;
import dev.loupe.app.render.GraphRenderer;
import dev.loupe.app.render.RenderOptions;
import dev.loupe.app.render.Theme;
import dev.loupe.app.search.SearchViewModel;
import dev.loupe.model.edit.Edit;
import dev.loupe.model.io.ModelIOException;
import dev.loupe.model.io.ModelWriter;
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
    private final ProblemsViewModel problems = new ProblemsViewModel();
    private final TaskRunner debugRunner = new TaskRunner();
    private final RunInputsViewModel runInputs;
    private final DebuggerViewModel debugger;
    private final CompareViewModel compare;
    private final EditHistory history = new EditHistory();
    private final EditActions editActions = new EditActions(this);
    private final GraphTools graphTools = new GraphTools(this);
    private final ValueActions valueActions = new ValueActions(this, editActions);
    private final DocumentJournal journal;
    private final StringBinding title;
    private long errorSerial;

    public MainViewModel(RecentFiles recentFiles) {
        this(recentFiles, DimensionBindingStore.userDefault());
    }

    /// A main window's state with recent files and dimension bindings kept in the given stores.
    public MainViewModel(RecentFiles recentFiles, DimensionBindingStore dimensions) {
        this(recentFiles, dimensions, RecoveryJournal.userDefault());
    }

    /// A main window's state with its stores and the journal that keeps unsaved edits safe from a crash.
    public MainViewModel(RecentFiles recentFiles, DimensionBindingStore dimensions, RecoveryJournal recovery) {
        this.recentFiles = recentFiles;
        this.journal = new DocumentJournal(recovery, runner, status::set);
        this.runInputs = new RunInputsViewModel(debugRunner, dimensions, status::set, this::report);
        this.debugger = new DebuggerViewModel(debugRunner, runInputs, status::set, this::report);
        this.compare = new CompareViewModel(debugRunner, runInputs, status::set, this::report, this::reveal);
        recent.setAll(recentFiles.list());
        title = Bindings.createStringBinding(() -> document.get() == null ? "Loupe"
                : (history.isDirty() ? "*" : "") + document.get().fileName() + " — Loupe", document, history.dirtyProperty());
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

    /// What the checker and shape inference report for the open model (after every edit too).
    public ProblemsViewModel problems() {
        return problems;
    }

    public ModelInfoViewModel modelInfo() {
        return modelInfo;
    }

    /// Undo/redo and the dirty flag of the open document.
    public EditHistory history() {
        return history;
    }

    /// The node, wiring, function and clean-up edits of the Edit and Graph menus.
    public EditActions edits() {
        return editActions;
    }

    /// Graph input, initializer and constant edits.
    public ValueActions values() {
        return valueActions;
    }

    /// Constant folding, extraction and the check against the saved file.
    public GraphTools graphTools() {
        return graphTools;
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

    /// Opens the edited copy that `entry` kept of a model whose edits a crash left unsaved. The document
    /// belongs to the original file and is unsaved until saved there; the copy stays in the journal until then.
    public void openRecovered(RecoveryJournal.Entry entry) {
        var name = entry.original().getFileName();
        status.set("Recovering " + name + "…");
        runner.run(new ModelLoadTask(entry.snapshot()), doc -> {
            show(new ModelDocument(entry.original(), doc.model(), doc.catalog(), doc.problems(), doc.mainLevel(), doc.timings()));
            history.markUnsaved();
            status.set("Recovered " + entry.edits() + " unsaved edit(s) of " + name + ": save to keep them");
        }, failure -> report("Cannot recover " + name, String.valueOf(failure.getMessage())), () -> { });
    }

    /// Unsaved edits an earlier session left in the recovery journal, newest first.
    public java.util.List<RecoveryJournal.Entry> pendingRecovery() {
        return journal.pending();
    }

    /// Drops a journal entry the user does not want back.
    public void discardRecovery(RecoveryJournal.Entry entry) {
        journal.settled(entry.original());
    }

    /// Closes the open model, dropping unsaved edits (the view asks first).
    public void close() {
        var old = document.get();
        document.set(null);
        history.reset();
        problems.show(java.util.List.of(), null);
        diagram.reset(null, null);
        modelInfo.show(null);
        runInputs.setModel(null, null);
        debugger.setModel(null);
        compare.setModel(null);
        if (old != null) {
            journal.settled(old.path());
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

    /// Runs `edit` (built against the open model) through the document's history; the diagram follows.
    /// While background work reads the model (opening, re-inference after the last edit) the edit is not run
    /// and the status line says so; returns whether it ran.
    public boolean execute(Edit edit) {
        if (modelInUse()) {
            return false;
        }
        history.execute(edit);
        status.set(edit.description());
        refresh();
        return true;
    }

    public void undo() {
        if (history.canUndoProperty().get() && !modelInUse()) {
            var text = history.undoTextProperty().get();
            history.undo();
            status.set(text);
            refresh();
        }
    }

    public void redo() {
        if (history.canRedoProperty().get() && !modelInUse()) {
            var text = history.redoTextProperty().get();
            history.redo();
            status.set(text);
            refresh();
        }
    }

    /// Undoes or redoes edits until the first `position` recorded edits are applied (the history panel's
    /// "go back to here"); one diagram update follows.
    public void moveInHistory(int position) {
        if (document.get() == null || modelInUse() || position == history.positionProperty().get()) {
            return;
        }
        history.moveTo(position);
        status.set(position == 0 ? "Back to the model as opened" : "Back to: " + history.entries().get(position - 1));
        refresh();
    }

    /// Writes the open model back to its file (atomically) and marks it saved; returns whether it was written.
    public boolean save() {
        var doc = document.get();
        return doc != null && saveAs(doc.path());
    }

    /// Writes the open model to `path` (atomically); the document then belongs to `path` and is clean.
    /// A failure is reported and leaves the document dirty; returns whether the model was written.
    public boolean saveAs(Path path) {
        var doc = document.get();
        if (doc == null || modelInUse()) {
            return false;
        }
        try {
            ModelWriter.write(doc.model(), path);
        } catch (ModelIOException | RuntimeException e) {
            report("Cannot save " + path.getFileName(), String.valueOf(e.getMessage()));
            return false;
        }
        journal.settled(doc.path());
        journal.settled(path);
        if (!path.equals(doc.path())) {
            document.set(new ModelDocument(path, doc.model(), doc.catalog(), doc.problems(), doc.mainLevel(), doc.timings()));
            recent.setAll(recentFiles.add(path));
        }
        history.markSaved();
        status.set("Saved " + path.getFileName());
        return true;
    }

    /// Re-infers shapes, re-checks and lays out the edited model in the background, then shows it.
    private void refresh() {
        var doc = document.get();
        if (doc == null) {
            return;
        }
        runner.run(new ModelLoadTask(doc.path(), doc.model()), updated -> {
            if (document.get() != null && document.get().model() == updated.model()) {
                var current = document.get();
                document.set(new ModelDocument(current.path(), updated.model(), updated.catalog(), updated.problems(),
                        updated.mainLevel(), updated.timings()));
                var selected = diagram.selectedItemProperty().get();
                problems.show(updated.problems(), updated.model().graph());
                diagram.reset(updated.mainLevel(), updated.catalog());
                modelInfo.show(updated.model());
                if (selected != null && selected.node() != null) {
                    reselect(selected.node());
                }
                journal(current);
            }
        }, failure -> {
            status.set("Cannot update the diagram: " + failure.getMessage());
            journal(doc);
        }, () -> { });
    }

    private void journal(ModelDocument doc) {
        journal.changed(doc.path(), doc.model(), history.isDirty(),
                history.entries().subList(0, history.positionProperty().get()));
    }

    /// Whether background work is reading the model, so that it may not change or be written now (says so
    /// in the status line).
    public boolean modelInUse() {
        if (runner.busyProperty().get()) {
            status.set("Wait until the diagram is updated");
            return true;
        }
        return false;
    }

    private void reselect(dev.loupe.model.Node node) {
        var nodes = diagram.getLevel().diagram().nodes();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).node() == node) {
                diagram.select(i);
                return;
            }
        }
    }

    private void show(ModelDocument doc) {
        var old = document.get();
        history.reset();
        document.set(doc);
        problems.show(doc.problems(), doc.model().graph());
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

    /// Shows `message` in an error dialog titled `title`.
    public void report(String title, String message) {
        error.set(new ErrorReport(title, message, ++errorSerial));
    }
}
