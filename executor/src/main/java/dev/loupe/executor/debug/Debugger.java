package dev.loupe.executor.debug;

import dev.loupe.executor.kernel.CancelledException;
import dev.loupe.executor.session.ExecutionListener;
import dev.loupe.executor.session.FramePath;
import dev.loupe.executor.session.NodeEvent;
import dev.loupe.executor.session.RetainedValues;
import dev.loupe.executor.session.RunControl;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.session.SessionException;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.Node;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/// Runs a session's model one node at a time under the control of another thread: the API behind the
/// debugger view and `loupe` stepping commands.
///
/// ```java
/// try (var dbg = Debugger.start(session, inputs, DebugOptions.defaults())) {
///     dbg.addBreakpoint(Breakpoint.nonFinite());
///     var state = dbg.awaitStop(Duration.ofSeconds(10));     // Paused at entry
///     dbg.stepInto();                                        // into the Loop body
///     state = dbg.awaitStop(Duration.ofSeconds(10));
///     dbg.resume();
///     state = dbg.awaitStop(Duration.ofSeconds(10));          // Paused at the NaN, or Finished
/// }
/// ```
///
/// **Model.** The run happens on a worker thread that consults a gate before every node at every depth
/// (main graph, `If`/`Loop`/`Scan` bodies, function bodies) and after every node (for output-condition
/// breakpoints). When the gate stops, the state becomes [DebugState.Paused] with a [Stop] that tells where
/// and why; the worker then waits for a command.
///
/// **Commands** — [#step()], [#stepInto()], [#stepOut()], [#runUntil(Node)], [#resume()] — are valid only
/// while paused (else [IllegalStateException]); each returns at once, the run going on in the background.
/// Call [#awaitStop(Duration)] or listen with [#addStopListener(Consumer)] to learn where it stops next.
/// Breakpoints stop every command early, as in any debugger.
///
/// **Threading.** Commands, [#pause()], [#cancel()], breakpoint changes and the queries may be called from
/// any thread. [#pause()] takes effect before the next node (a node already running finishes first);
/// [#cancel()] also interrupts long kernels that check for cancellation, and ends the run in
/// [DebugState.Cancelled]. Execution listeners and stop listeners are called on the worker thread — a UI
/// must pass their events to its own thread — and must not block for long, except that a stop listener may
/// issue a command. While a debugger runs, other runs of the same session wait for it to end.
public final class Debugger implements AutoCloseable {

    private final List<Breakpoint> breakpoints = new CopyOnWriteArrayList<>();
    private final List<ExecutionListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<DebugState>> stopListeners = new CopyOnWriteArrayList<>();
    private final RunControl control = new RunControl();
    private final RetainedValues retained;
    private final Gate gate;
    private final Thread worker;

    private Debugger(Session session, Map<String, ? extends RuntimeValue> inputs, DebugOptions options) {
        this.retained = new RetainedValues(options.retention());
        breakpoints.addAll(options.breakpoints());
        this.gate = new Gate(options.stopAtEntry() ? new Gate.Mode.Entry() : new Gate.Mode.Resume(), breakpoints, stopListeners);
        control.addListener(retained).addListener(new ExecutionListener() {
            @Override
            public void beforeNode(NodeEvent.Before event) {
                listeners.forEach(l -> l.beforeNode(event));
            }

            @Override
            public void afterNode(NodeEvent.After event) {
                listeners.forEach(l -> l.afterNode(event));
            }
        }).addListener(gate);
        Map<String, RuntimeValue> copy = new java.util.LinkedHashMap<>(inputs);
        this.worker = Thread.ofPlatform().name("loupe-debugger").daemon().stackSize(256L << 20).unstarted(() -> work(session, copy));
    }

    /// Starts running `session` with `inputs` on a new worker thread; with [DebugOptions#stopAtEntry()] it
    /// pauses before the first node.
    ///
    /// @throws dev.loupe.executor.session.InputMismatchException when the inputs do not match the model
    /// @throws IllegalArgumentException when `session` runs in [dev.loupe.executor.session.ExecutionMode#FAST],
    ///                                  whose fused steps do not map one-to-one to the model's nodes
    public static Debugger start(Session session, Map<String, ? extends RuntimeValue> inputs, DebugOptions options) {
        if (session.options().mode() != dev.loupe.executor.session.ExecutionMode.DEBUG) {
            throw new IllegalArgumentException("the debugger steps through the model's nodes: create the session in DEBUG mode");
        }
        session.checkInputs(inputs);
        var debugger = new Debugger(session, inputs, options);
        debugger.worker.start();
        return debugger;
    }

    private void work(Session session, Map<String, RuntimeValue> inputs) {
        try {
            gate.finish(new DebugState.Finished(session.run(inputs, control)));
        } catch (CancelledException e) {
            gate.finish(new DebugState.Cancelled());
        } catch (SessionException e) {
            gate.finish(new DebugState.Failed(e));
        } catch (RuntimeException | StackOverflowError e) {
            gate.finish(new DebugState.Failed(new SessionException(e.getClass().getSimpleName() + ": " + e.getMessage(), e)));
        }
    }

    /// Runs the node it is paused at, with everything inside it, and stops before the next node at the same
    /// depth or shallower ("step over").
    public void step() {
        gate.command("step", stop -> new Gate.Mode.Over(stop.depth()));
    }

    /// Stops before the very next node at any depth: the first node of the body when the paused node is an
    /// `If`, `Loop`, `Scan` or function call.
    public void stepInto() {
        gate.command("step into", stop -> new Gate.Mode.Into());
    }

    /// Finishes the current body and stops before the next node of an enclosing graph (in the main graph:
    /// runs to the end).
    public void stepOut() {
        gate.command("step out", stop -> new Gate.Mode.Out(stop.depth()));
    }

    /// Runs until just before `node` (at any depth), a breakpoint, or the end.
    public void runUntil(Node node) {
        gate.command("run until", stop -> new Gate.Mode.Until(node));
    }

    /// Runs until a breakpoint or the end.
    public void resume() {
        gate.command("resume", stop -> new Gate.Mode.Resume());
    }

    /// Asks the run to stop before its next node; no effect once the run has ended.
    public void pause() {
        gate.requestPause();
    }

    /// Ends the run as soon as possible: at the gate, or inside a kernel that checks for cancellation.
    public void cancel() {
        control.cancel();
        gate.cancel();
    }

    public DebugState state() {
        return gate.state();
    }

    /// Waits until the run stops (paused or ended) or `timeout` passes, and returns the state then
    /// ([DebugState.Running] on timeout).
    public DebugState awaitStop(Duration timeout) throws InterruptedException {
        return gate.awaitStop(timeout);
    }

    public void addBreakpoint(Breakpoint breakpoint) {
        breakpoints.add(breakpoint);
    }

    public void removeBreakpoint(Breakpoint breakpoint) {
        breakpoints.remove(breakpoint);
    }

    /// The breakpoints, in the order they were added.
    public List<Breakpoint> breakpoints() {
        return List.copyOf(breakpoints);
    }

    /// Adds a listener told before and after every node (see [ExecutionListener] for threading).
    public void addListener(ExecutionListener listener) {
        listeners.add(listener);
    }

    /// Adds a listener told each time the run stops: paused, finished, failed or cancelled.
    public void addStopListener(Consumer<DebugState> listener) {
        stopListeners.add(listener);
    }

    /// The intermediate values kept under the retention policy.
    public RetainedValues retained() {
        return retained;
    }

    /// The most recent retained value named `name` (any frame).
    public Optional<RuntimeValue> value(String name) {
        return retained.get(name);
    }

    /// The most recent retained value named `name` in `frame`.
    public Optional<RuntimeValue> value(String name, FramePath frame) {
        return retained.get(name, frame);
    }

    /// Cancels the run if it has not ended and waits for the worker to finish (an interrupt of the caller
    /// stops the wait and stays set).
    @Override
    public void close() {
        if (!gate.state().isFinal()) {
            cancel();
        }
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
