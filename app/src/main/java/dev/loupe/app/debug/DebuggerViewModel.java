package dev.loupe.app.debug;

import dev.loupe.app.main.TaskRunner;
import dev.loupe.executor.debug.Breakpoint;
import dev.loupe.executor.debug.DebugOptions;
import dev.loupe.executor.debug.DebugState;
import dev.loupe.executor.debug.Debugger;
import dev.loupe.executor.debug.Stop;
import dev.loupe.executor.session.NodeExecutionException;
import dev.loupe.executor.session.RetentionPolicy;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// The debugger's state in the window: the run's phase, where it is paused and why, the nodes that have
/// run, the last value of every tensor computed (for the diagram's edges), and the commands — run or
/// continue, step, step into, step out, run to a node, pause, stop.
///
/// **Threading.** Methods are called on the FX thread. The run itself happens on the executor's debugger
/// thread; its events are queued there and applied here in batches, at most once per pulse, so a fast
/// run never floods the FX thread. Compiling and starting run as a [javafx.concurrent.Task] on the
/// debugger's [TaskRunner]; while the run moves, a watch task reports progress and its Cancel pauses.
public final class DebuggerViewModel {

    /// Where the debugger stands.
    public enum Phase {
        /// No run (none yet, or the model changed).
        IDLE,
        /// Compiling the model and starting the run.
        STARTING,
        /// Nodes are executing.
        RUNNING,
        /// Paused before (or, for a condition, after) a node.
        PAUSED,
        /// The run completed.
        FINISHED,
        /// A node failed or the inputs did not fit.
        FAILED,
        /// The user stopped the run.
        CANCELLED
    }

    /// A value of the node the run is paused at, or a graph output once the run has finished.
    ///
    /// @param role  `input`, `output` or `graph output`
    /// @param value the value, for the tensor viewer (`null` for an absent optional input)
    public record StopValue(String role, String name, String summary, RuntimeValue value) {
    }

    /// Intermediate values are kept up to this many bytes together, newest first.
    static final long RETAINED_BYTES = Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 4);

    private final TaskRunner runner;
    private final RunInputsViewModel inputs;
    private final Consumer<String> status;
    private final BiConsumer<String, String> errors;
    private final BreakpointsViewModel breakpoints = new BreakpointsViewModel();
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.IDLE);
    private final ReadOnlyStringWrapper stopText = new ReadOnlyStringWrapper(this, "stopText", "");
    private final ReadOnlyObjectWrapper<DebugLocation> location = new ReadOnlyObjectWrapper<>(this, "location");
    private final ReadOnlyLongWrapper stops = new ReadOnlyLongWrapper(this, "stops");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private final ReadOnlyObjectWrapper<Model> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ObservableList<StopValue> stopValues = FXCollections.observableArrayList();
    private final BooleanBinding canRun;
    private final BooleanBinding canStepOut;
    private final BooleanBinding canPause;
    private final BooleanBinding canStop;
    private FrameMapper mapper;
    private Session session;
    private Debugger debugger;
    private DebugTasks.Watch watching;
    private RunRecord record = RunRecord.empty();
    private long generation;
    private List<Breakpoint> applied = List.of();
    private Breakpoint transientStop;
    private Map<String, RuntimeValue> runInputs = Map.of();
    private Map<Value, LiveValue> inputLive = Map.of();

    /// @param status one-line reports for the status bar
    /// @param errors failures to show, as title and message
    public DebuggerViewModel(TaskRunner runner, RunInputsViewModel inputs, Consumer<String> status,
                             BiConsumer<String, String> errors) {
        this.runner = runner;
        this.inputs = inputs;
        this.status = status;
        this.errors = errors;
        var busy = Bindings.createBooleanBinding(() -> phase.get() == Phase.STARTING || phase.get() == Phase.RUNNING, phase);
        canRun = phase.isEqualTo(Phase.PAUSED).or(model.isNotNull().and(inputs.readyProperty()).and(busy.not()));
        canStepOut = phase.isEqualTo(Phase.PAUSED);
        canPause = phase.isEqualTo(Phase.RUNNING);
        canStop = busy.or(phase.isEqualTo(Phase.PAUSED));
        breakpoints.revisionProperty().addListener((o, a, b) -> syncBreakpoints());
    }

    public BreakpointsViewModel breakpoints() {
        return breakpoints;
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public Phase getPhase() {
        return phase.get();
    }

    /// One line on where and why the run stopped, or how it ended.
    public ReadOnlyStringProperty stopTextProperty() {
        return stopText.getReadOnlyProperty();
    }

    /// Where the run is paused (or failed), in the model as drawn; `null` otherwise.
    public ReadOnlyObjectProperty<DebugLocation> locationProperty() {
        return location.getReadOnlyProperty();
    }

    /// Counts the stops, so that a view can bring the current node into view again at every stop.
    public ReadOnlyLongProperty stopsProperty() {
        return stops.getReadOnlyProperty();
    }

    /// Changes when nodes have run or values were computed: the diagram's marks need redrawing.
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /// The inputs and outputs of the node paused at; the graph's outputs after the run.
    public ObservableList<StopValue> stopValues() {
        return stopValues;
    }

    /// Run, continue, step or step into are possible (paused, or ready to start a run).
    public BooleanBinding canRunProperty() {
        return canRun;
    }

    public BooleanBinding canStepOutProperty() {
        return canStepOut;
    }

    public BooleanBinding canPauseProperty() {
        return canPause;
    }

    public BooleanBinding canStopProperty() {
        return canStop;
    }

    /// Whether `node` has run in the current run.
    public boolean hasRun(Node node) {
        return record.executed().contains(node);
    }

    /// The last value computed for `value` in the current run, or `null`.
    public LiveValue liveValue(Value value) {
        var lv = record.live().get(value);
        return lv != null ? lv : inputLive.get(value);
    }

    /// The open model, for the run to use.
    public ReadOnlyObjectProperty<Model> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /// Forgets the run and the breakpoints and follows `newModel` (or nothing).
    public void setModel(Model newModel) {
        endRun();
        generation++;
        model.set(newModel);
        mapper = newModel == null ? null : new FrameMapper(newModel);
        session = null;
        breakpoints.clear();
        phase.set(Phase.IDLE);
        stopText.set("");
    }

    /// F5: continues a paused run, or starts one that runs until a breakpoint or the end.
    public void runOrContinue() {
        if (phase.get() == Phase.PAUSED) {
            command(Debugger::resume, "Running…");
        } else if (canRun.get()) {
            start(Debugger::resume);
        }
    }

    /// F10: runs the current node with everything inside it; starts a run paused before its first node.
    public void step() {
        if (phase.get() == Phase.PAUSED) {
            command(Debugger::step, "Stepping…");
        } else if (canRun.get()) {
            start(d -> { });
        }
    }

    /// F11: stops at the next node at any depth, inside an `If`, `Loop`, `Scan` or function body.
    public void stepInto() {
        if (phase.get() == Phase.PAUSED) {
            command(Debugger::stepInto, "Stepping into…");
        } else if (canRun.get()) {
            start(d -> { });
        }
    }

    /// Shift+F11: finishes the current body and stops in the enclosing graph.
    public void stepOut() {
        if (phase.get() == Phase.PAUSED) {
            command(Debugger::stepOut, "Stepping out…");
        }
    }

    /// Runs until just before `node` (a breakpoint still stops earlier); starts a run when none is paused.
    public void runTo(Node node) {
        if (node == null || mapper == null) {
            return;
        }
        Consumer<Debugger> go;
        if (mapper.inFunctionBody(node)) {
            var stopAt = new Breakpoint.NodeNamed(node.displayName());
            transientStop = stopAt;
            go = d -> {
                d.addBreakpoint(stopAt);
                d.resume();
            };
        } else {
            go = d -> d.runUntil(node);
        }
        if (phase.get() == Phase.PAUSED) {
            command(go, "Running to " + node.displayName() + "…");
        } else if (canRun.get()) {
            start(go);
        }
    }

    /// Asks the run to stop before its next node.
    public void pause() {
        if (debugger != null && phase.get() == Phase.RUNNING) {
            debugger.pause();
            stopText.set("Pausing…");
        }
    }

    /// Ends the run.
    public void stop() {
        if (phase.get() == Phase.STARTING) {
            generation++;
            runner.cancel();
            phase.set(Phase.CANCELLED);
            stopText.set("Stopped");
        } else if (debugger != null && !debugger.state().isFinal()) {
            debugger.cancel();
        }
    }

    /// Releases the run when the window closes.
    public void shutdown() {
        endRun();
    }

    private void start(Consumer<Debugger> first) {
        var m = model.get();
        if (m == null) {
            return;
        }
        endRun();
        long gen = ++generation;
        phase.set(Phase.STARTING);
        stopText.set("Starting…");
        applied = breakpoints.toExecutor(mapper::inFunctionBody);
        var options = DebugOptions.defaults().withRetention(RetentionPolicy.byteBudget(RETAINED_BYTES));
        for (var bp : applied) {
            options = options.withBreakpoint(bp);
        }
        runInputs = inputs.inputs();
        var given = new java.util.IdentityHashMap<Value, LiveValue>();
        for (var v : m.graph().inputs()) {
            var value = runInputs.get(v.name());
            if (value != null) {
                given.put(v, LiveValue.of(v.name(), dev.loupe.executor.session.FramePath.ROOT, value));
            }
        }
        inputLive = given;
        var runRecord = new RunRecord(mapper, () -> revision.set(revision.get() + 1));
        record = runRecord;
        var listener = runRecord.listener();
        var task = DebugTasks.start(m, session, runInputs, options, d -> {
            d.addListener(listener);
            d.addStopListener(state -> Platform.runLater(() -> refresh(gen)));
        }, first);
        runner.run(task, started -> {
            if (gen != generation) {
                DebugTasks.closeInBackground(started.debugger());
                return;
            }
            session = started.session();
            debugger = started.debugger();
            refresh(gen);
        }, e -> {
            if (gen == generation) {
                phase.set(Phase.FAILED);
                var message = e.getMessage() == null ? e.toString() : e.getMessage();
                stopText.set("Cannot run: " + message);
                errors.accept("Cannot run the model", message);
            }
        }, () -> {
            if (gen == generation) {
                phase.set(Phase.IDLE);
                stopText.set("Cancelled");
            }
        });
    }

    /// Reads the debugger's state after it stopped (or was told to go on) and shows it.
    private void refresh(long gen) {
        if (gen != generation || debugger == null) {
            return;
        }
        record.drain();
        var state = debugger.state();
        if (!(state instanceof DebugState.Running)) {
            endLeg();
        }
        switch (state) {
            case DebugState.Running r -> {
                if (phase.get() != Phase.RUNNING) {
                    phase.set(Phase.RUNNING);
                    watch();
                }
            }
            case DebugState.Paused(Stop stop) -> paused(stop);
            case DebugState.Finished f -> {
                ended(Phase.FINISHED, String.format(java.util.Locale.ROOT, "Finished in %.1f ms", f.result().nanos() / 1e6));
                f.result().outputs().forEach((name, v) -> stopValues.add(new StopValue("graph output", name, LiveValue.label(v), v)));
                status.accept("Run finished");
            }
            case DebugState.Failed f -> {
                ended(Phase.FAILED, "Failed: " + f.error().getMessage());
                if (f.error() instanceof NodeExecutionException ne && ne.node() != null) {
                    location.set(mapper.locate(ne.node(), ne.frame()));
                    stops.set(stops.get() + 1);
                }
                errors.accept("The run failed", f.error().getMessage());
            }
            case DebugState.Cancelled c -> ended(Phase.CANCELLED, "Stopped");
        }
    }

    private void paused(Stop stop) {
        if (transientStop != null) {
            debugger.removeBreakpoint(transientStop);
            transientStop = null;
        }
        phase.set(Phase.PAUSED);
        location.set(mapper.locate(stop.node(), stop.frame()));
        stops.set(stops.get() + 1);
        stopText.set(StopText.describe(stop));
        stopValues.setAll(StopText.values(stop));
    }

    private void ended(Phase end, String text) {
        phase.set(end);
        stopText.set(text);
        location.set(null);
        stopValues.clear();
    }

    /// Gives a paused run `command` and follows it.
    private void command(Consumer<Debugger> command, String text) {
        try {
            command.accept(debugger);
        } catch (IllegalStateException e) {
            refresh(generation);
            return;
        }
        phase.set(Phase.RUNNING);
        stopText.set(text);
        stopValues.clear();
        watch();
    }

    /// Follows the leg of the run that a command (or the start) began; the task's Cancel pauses it.
    private void watch() {
        var d = debugger;
        var m = model.get();
        if (d == null || m == null) {
            return;
        }
        endLeg();
        var task = DebugTasks.watch(d, record::mainNodesDone, m.graph().nodes().size());
        watching = task;
        runner.run(task, v -> { }, e -> { }, () -> {
            if (watching == task) {
                status.accept("Pausing…");
            }
        });
    }

    /// The watched leg is over (the run stopped, or another leg begins): its watch, which the task runner
    /// cancels when it starts the next one, must not pause the run.
    private void endLeg() {
        if (watching != null) {
            watching.endLeg();
            watching = null;
        }
    }

    /// Brings a live run's breakpoints in line with the user's.
    private void syncBreakpoints() {
        if (debugger == null || debugger.state().isFinal() || mapper == null) {
            return;
        }
        var wanted = breakpoints.toExecutor(mapper::inFunctionBody);
        for (var bp : applied) {
            if (!wanted.contains(bp)) {
                debugger.removeBreakpoint(bp);
            }
        }
        for (var bp : wanted) {
            if (!applied.contains(bp)) {
                debugger.addBreakpoint(bp);
            }
        }
        applied = wanted;
    }

    /// Cancels the run, if any, and forgets its marks and values.
    private void endRun() {
        endLeg();
        if (debugger != null) {
            if (!debugger.state().isFinal()) {
                DebugTasks.closeInBackground(debugger);
            }
            debugger = null;
        }
        transientStop = null;
        record = RunRecord.empty();
        location.set(null);
        stopValues.clear();
        runInputs = Map.of();
        inputLive = Map.of();
        revision.set(revision.get() + 1);
    }

    /// The value `value` holds in the current run: computed by a node (while the debugger still keeps it),
    /// or given as a graph input. `null` when there is none.
    public RuntimeValue valueOf(Value value) {
        var lv = record.live().get(value);
        if (lv != null && debugger != null) {
            return debugger.value(lv.name(), lv.frame()).orElse(null);
        }
        var m = model.get();
        if (m != null && value.graph() == m.graph()) {
            return runInputs.get(value.name());
        }
        return null;
    }

    /// Why [#valueOf] has nothing for `value`, in words.
    public String whyNoValue(Value value) {
        if (record.live().containsKey(value)) {
            return "'" + value.name() + "' is no longer kept (older values are dropped beyond "
                    + (RETAINED_BYTES >> 20) + " MiB)";
        }
        return "'" + value.name() + "' has not been computed in this run";
    }

    /// Nodes that have run, for the diagram.
    Set<Node> executedNodes() {
        return record.executed();
    }

    /// Every value with a live value, for the diagram.
    Map<Value, LiveValue> liveValues() {
        return record.live();
    }
}
