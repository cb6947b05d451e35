package dev.loupe.app.compare;

import dev.loupe.app.debug.DebugLocation;
import dev.loupe.app.debug.FrameMapper;
import dev.loupe.app.debug.RunInputsViewModel;
import dev.loupe.app.main.TaskRunner;
import dev.loupe.app.render.DebugOverlay;
import dev.loupe.executor.compare.Comparer;
import dev.loupe.executor.compare.ComparisonMonitor;
import dev.loupe.executor.compare.ComparisonReport;
import dev.loupe.executor.compare.NodeComparison;
import dev.loupe.executor.compare.PreparedComparison;
import dev.loupe.executor.compare.Reference;
import dev.loupe.executor.compare.ReportText;
import dev.loupe.executor.compare.TreePathReport;
import dev.loupe.executor.testdata.Tolerance;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.io.ModelReader;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/// The comparison panel's state: what to compare the run of the open model with (the expected outputs the
/// Run panel loaded, a float64 shadow run, or another model file), the tolerance, and the result — the
/// outputs' verdicts, a table of every node run with its local and observed error, the first divergent
/// node, the tree-ensemble findings and a heat level per node for the diagram.
///
/// Comparing runs as a [Task] on the debugger's [TaskRunner], with progress and Cancel; the sessions a
/// reference needs are compiled once and kept while the model and reference stay the same. FX thread only.
public final class CompareViewModel {

    /// What the run is compared with.
    public enum Against {
        /// The expected outputs loaded with the inputs (the original framework's numbers).
        EXPECTED,
        /// The same graph recomputed in double precision.
        FLOAT64,
        /// Another model file, run on the same inputs.
        OTHER_MODEL
    }

    /// Which error the heat overlay shows.
    public enum HeatBasis {
        /// Error born in each node (its kernel fed the reference's inputs).
        LOCAL,
        /// Error of each node's output as the run computed it, inherited error included.
        OBSERVED
    }

    private final TaskRunner runner;
    private final RunInputsViewModel inputs;
    private final Consumer<String> status;
    private final BiConsumer<String, String> errors;
    private final Consumer<DebugLocation> navigator;
    private final ObjectProperty<Against> against = new SimpleObjectProperty<>(this, "against", Against.EXPECTED);
    private final ObjectProperty<Path> otherModel = new SimpleObjectProperty<>(this, "otherModel");
    private final DoubleProperty rtol = new SimpleDoubleProperty(this, "rtol", Comparer.DEFAULT_TOLERANCE.rtol());
    private final DoubleProperty atol = new SimpleDoubleProperty(this, "atol", Comparer.DEFAULT_TOLERANCE.atol());
    private final BooleanProperty showHeat = new SimpleBooleanProperty(this, "showHeat", true);
    private final ObjectProperty<HeatBasis> heatBasis = new SimpleObjectProperty<>(this, "heatBasis", HeatBasis.LOCAL);
    private final ReadOnlyObjectWrapper<ComparisonReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyObjectWrapper<Model> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(this, "verdict", "");
    private final ReadOnlyStringWrapper firstDivergence = new ReadOnlyStringWrapper(this, "firstDivergence", "");
    private final ReadOnlyStringWrapper reportText = new ReadOnlyStringWrapper(this, "reportText", "");
    private final ReadOnlyObjectWrapper<ToIntFunction<Node>> heat = new ReadOnlyObjectWrapper<>(this, "heat");
    private final ObservableList<NodeErrorRow> rows = FXCollections.observableArrayList();
    private final ObservableList<TreePathReport> trees = FXCollections.observableArrayList();
    private final BooleanBinding canCompare;
    private FrameMapper mapper;
    private PreparedComparison prepared;
    private Object preparedKey;
    private Model loadedOther;

    /// @param navigator shows a node (with the bodies around it) in the diagram
    public CompareViewModel(TaskRunner runner, RunInputsViewModel inputs, Consumer<String> status,
                            BiConsumer<String, String> errors, Consumer<DebugLocation> navigator) {
        this.runner = runner;
        this.inputs = inputs;
        this.status = status;
        this.errors = errors;
        this.navigator = navigator;
        var referenceReady = Bindings.createBooleanBinding(() -> switch (against.get()) {
            case EXPECTED -> !inputs.getExpected().isEmpty();
            case FLOAT64 -> true;
            case OTHER_MODEL -> otherModel.get() != null;
        }, against, otherModel, inputs.expectedProperty());
        canCompare = model.isNotNull().and(inputs.readyProperty()).and(referenceReady).and(runner.busyProperty().not());
        showHeat.addListener((o, a, b) -> updateHeat());
        heatBasis.addListener((o, a, b) -> updateHeat());
    }

    public ObjectProperty<Against> againstProperty() {
        return against;
    }

    /// The model file to compare with, for [Against#OTHER_MODEL].
    public ObjectProperty<Path> otherModelProperty() {
        return otherModel;
    }

    public DoubleProperty rtolProperty() {
        return rtol;
    }

    public DoubleProperty atolProperty() {
        return atol;
    }

    /// Whether the diagram is coloured by error.
    public BooleanProperty showHeatProperty() {
        return showHeat;
    }

    public ObjectProperty<HeatBasis> heatBasisProperty() {
        return heatBasis;
    }

    /// Whether [#compare()] can run now: a model, every input, and a reference.
    public BooleanBinding canCompareProperty() {
        return canCompare;
    }

    /// The last comparison's result, or `null`.
    public ReadOnlyObjectProperty<ComparisonReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /// For example `FAILED against model 'torch_mlp' · y: max abs 0.21, ...`.
    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /// The first node whose own error exceeds the tolerance, in words.
    public ReadOnlyStringProperty firstDivergenceProperty() {
        return firstDivergence.getReadOnlyProperty();
    }

    /// The whole report as text, tree-ensemble findings included.
    public ReadOnlyStringProperty reportTextProperty() {
        return reportText.getReadOnlyProperty();
    }

    /// A node's heat level (`DebugOverlay.HEAT_*`) for the diagram; `null` when there is nothing to show.
    public ReadOnlyObjectProperty<ToIntFunction<Node>> heatProperty() {
        return heat.getReadOnlyProperty();
    }

    /// One row per node run, in execution order.
    public ObservableList<NodeErrorRow> rows() {
        return rows;
    }

    /// One entry per tree-ensemble node run.
    public ObservableList<TreePathReport> trees() {
        return trees;
    }

    /// Forgets the result and follows `newModel`.
    public void setModel(Model newModel) {
        model.set(newModel);
        mapper = newModel == null ? null : new FrameMapper(newModel);
        dropPrepared();
        clearResult();
    }

    /// Runs the model on the Run panel's inputs and compares it with the chosen reference.
    public void compare() {
        var m = model.get();
        if (m == null || !canCompare.get()) {
            return;
        }
        var kind = against.get();
        var other = otherModel.get();
        var expected = inputs.getExpected();
        var given = inputs.inputs();
        Tolerance tolerance;
        try {
            tolerance = new Tolerance(rtol.get(), atol.get());
        } catch (IllegalArgumentException e) {
            errors.accept("Cannot compare", e.getMessage());
            return;
        }
        Object key = kind == Against.OTHER_MODEL ? other : kind;
        var reuse = kind != Against.EXPECTED && key.equals(preparedKey) ? prepared : null;
        var task = new Task<Result>() {
            @Override
            protected Result call() throws Exception {
                updateMessage("Preparing the comparison…");
                var session = reuse;
                Model opened = null;
                if (session == null) {
                    Reference reference = switch (kind) {
                        case EXPECTED -> new Reference.Expected(expected);
                        case FLOAT64 -> new Reference.Float64Shadow();
                        case OTHER_MODEL -> new Reference.OtherModel(opened = ModelReader.read(other));
                    };
                    try {
                        session = Comparer.withBuiltinKernels().prepare(m, reference);
                    } catch (RuntimeException e) {
                        if (opened != null) {
                            opened.close();
                        }
                        throw e;
                    }
                }
                var report = session.run(given, tolerance, monitor(this));
                return new Result(session, opened, report);
            }

            private ComparisonMonitor monitor(Task<?> task) {
                return new ComparisonMonitor() {
                    @Override
                    public void progress(Phase phase, int done, int total) {
                        updateProgress(done, Math.max(1, total));
                        updateMessage(switch (phase) {
                            case REFERENCE -> "Running the reference… ";
                            case RUN -> "Comparing… ";
                            case TREES -> "Analysing tree ensembles… ";
                        } + done + " of " + total);
                    }

                    @Override
                    public boolean isCancelled() {
                        return task.isCancelled();
                    }
                };
            }
        };
        runner.run(task, result -> {
            if (m != model.get()) {
                if (result.opened() != null) {
                    result.opened().close();
                }
                return;
            }
            if (result.prepared() != prepared) {
                dropPrepared();
                prepared = kind == Against.EXPECTED ? null : result.prepared();
                preparedKey = prepared == null ? null : key;
                loadedOther = result.opened();
            }
            show(result.report());
        }, e -> errors.accept("Cannot compare", e.getMessage() == null ? e.toString() : e.getMessage()),
                () -> status.accept("Comparison cancelled"));
    }

    private record Result(PreparedComparison prepared, Model opened, ComparisonReport report) {
    }

    private void show(ComparisonReport r) {
        report.set(r);
        rows.setAll(r.nodes().stream().map(NodeErrorRow::of).toList());
        trees.setAll(r.trees());
        var outputs = new StringBuilder();
        for (var o : r.outputs()) {
            outputs.append(o.passed() ? "\n  ok  " : "\n  FAIL  ").append(o.name()).append(": ").append(o.discrepancy().summary());
        }
        verdict.set((r.passed() ? "PASSED" : "FAILED") + " against " + r.reference() + outputs);
        firstDivergence.set(r.firstDivergent().map(n -> "First divergence: " + n.name() + " (" + n.opType() + ")"
                + (n.frame().isRoot() ? "" : " in " + n.frame())).orElse("No node's own error exceeds the tolerance"
                + (r.passed() ? "" : " (only the outputs can be compared: try the float64 shadow or the original model)"))
                + r.firstNonFinite().map(n -> "\nFirst NaN/Inf: " + n.name() + " (" + n.opType() + ")").orElse(""));
        reportText.set(ReportText.render(r, 20));
        updateHeat();
        status.accept(String.format(Locale.ROOT, "Compared with %s: %s (run %.1f ms, reference %.1f ms)", r.reference(),
                r.passed() ? "passed" : "failed", r.runNanos() / 1e6, r.referenceNanos() / 1e6));
    }

    /// Shows the first divergent node in the diagram; returns whether there is one.
    public boolean jumpToFirstDivergence() {
        var r = report.get();
        var n = r == null ? null : r.firstDivergent().orElse(null);
        jumpTo(n);
        return n != null;
    }

    /// Shows the first node that produced a NaN or an infinity; returns whether there is one.
    public boolean jumpToFirstNonFinite() {
        var r = report.get();
        var n = r == null ? null : r.firstNonFinite().orElse(null);
        jumpTo(n);
        return n != null;
    }

    /// Shows `node`'s run in the diagram.
    public void jumpTo(NodeComparison node) {
        if (node == null || mapper == null) {
            return;
        }
        var loc = mapper.locate(node.node(), node.frame());
        if (loc != null) {
            navigator.accept(loc);
        }
    }

    private void updateHeat() {
        var r = report.get();
        if (r == null || !showHeat.get()) {
            heat.set(null);
            return;
        }
        var levels = new IdentityHashMap<Node, Integer>();
        boolean local = heatBasis.get() == HeatBasis.LOCAL;
        for (var n : r.nodes()) {
            if (mapper == null) {
                break;
            }
            var loc = mapper.locate(n.node(), n.frame());
            if (loc == null || loc.bodies().size() != n.frame().depth()) {
                continue;
            }
            levels.merge(loc.node(), level(n, local), Math::max);
        }
        Map<Node, Integer> frozen = levels;
        heat.set(node -> frozen.getOrDefault(node, (int) DebugOverlay.HEAT_NONE));
    }

    private static int level(NodeComparison n, boolean local) {
        if (n.role() == NodeComparison.Role.COMPUTED && n.nonFinite() > 0) {
            return DebugOverlay.HEAT_NON_FINITE;
        }
        double score = local ? n.localScore() : n.observedScore();
        if (score < 0 || Double.isNaN(score)) {
            return DebugOverlay.HEAT_NONE;
        }
        return score <= 1 ? DebugOverlay.HEAT_OK : score <= 100 ? DebugOverlay.HEAT_WARN : DebugOverlay.HEAT_BAD;
    }

    private void clearResult() {
        report.set(null);
        rows.clear();
        trees.clear();
        verdict.set("");
        firstDivergence.set("");
        reportText.set("");
        heat.set(null);
    }

    private void dropPrepared() {
        prepared = null;
        preparedKey = null;
        if (loadedOther != null) {
            loadedOther.close();
            loadedOther = null;
        }
    }

    /// Releases the other model, when the window closes.
    public void shutdown() {
        dropPrepared();
    }
}
