package dev.loupe.executor.debug;

import dev.loupe.executor.kernel.CancelledException;
import dev.loupe.executor.session.ExecutionListener;
import dev.loupe.executor.session.NodeEvent;
import dev.loupe.model.Node;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/// The debugger's gate: the last listener of the run, consulted before and after every node on the worker
/// thread. It decides from the current command (the [Mode]), a pending pause request and the breakpoints
/// whether to stop, and if so blocks the worker until another thread gives a command or cancels.
final class Gate implements ExecutionListener {

    /// What the run was last told to do.
    sealed interface Mode {
        /// Stop before the first node.
        record Entry() implements Mode {
        }

        /// Stop before the next node at any depth.
        record Into() implements Mode {
        }

        /// Stop before the next node at `depth` or shallower.
        record Over(int depth) implements Mode {
        }

        /// Stop before the next node shallower than `depth`.
        record Out(int depth) implements Mode {
        }

        /// Stop before `node`.
        record Until(Node node) implements Mode {
        }

        /// Stop only at breakpoints.
        record Resume() implements Mode {
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Breakpoint> breakpoints;
    private final List<Consumer<DebugState>> stopListeners;
    private DebugState state = new DebugState.Running();
    private Mode mode;
    private boolean pauseRequested;
    private boolean cancelled;

    Gate(Mode initial, List<Breakpoint> breakpoints, List<Consumer<DebugState>> stopListeners) {
        this.mode = initial;
        this.breakpoints = breakpoints;
        this.stopListeners = stopListeners;
    }

    @Override
    public void beforeNode(NodeEvent.Before event) {
        Stop stop;
        lock.lock();
        try {
            if (cancelled) {
                throw new CancelledException();
            }
            stop = decide(event);
        } finally {
            lock.unlock();
        }
        if (stop != null) {
            block(stop);
        }
    }

    @Override
    public void afterNode(NodeEvent.After event) {
        for (var bp : breakpoints) {
            if (bp.matchesAfter(event)) {
                block(new Stop(Stop.Position.AFTER_NODE, event.node(), event.frame(), event.index(), event.inputs(),
                        event.outputs(), Stop.Cause.BREAKPOINT, bp));
                return;
            }
        }
    }

    /// The stop to make before `event`'s node, or `null` to go on. Called with the lock held.
    private Stop decide(NodeEvent.Before event) {
        int depth = event.frame().depth();
        Stop.Cause cause = null;
        Breakpoint hit = null;
        if (pauseRequested) {
            pauseRequested = false;
            cause = Stop.Cause.PAUSE_REQUEST;
        } else {
            cause = switch (mode) {
                case Mode.Entry e -> Stop.Cause.ENTRY;
                case Mode.Into i -> Stop.Cause.STEP;
                case Mode.Over(int d) -> depth <= d ? Stop.Cause.STEP : null;
                case Mode.Out(int d) -> depth < d ? Stop.Cause.STEP : null;
                case Mode.Until(Node n) -> n == event.node() ? Stop.Cause.RUN_UNTIL : null;
                case Mode.Resume r -> null;
            };
        }
        if (cause == null) {
            for (var bp : breakpoints) {
                if (bp.matchesBefore(event)) {
                    cause = Stop.Cause.BREAKPOINT;
                    hit = bp;
                    break;
                }
            }
        }
        return cause == null ? null : new Stop(Stop.Position.BEFORE_NODE, event.node(), event.frame(), event.index(),
                event.inputs(), List.of(), cause, hit);
    }

    /// Publishes `stop` and holds the worker until a command or cancellation.
    private void block(Stop stop) {
        var paused = new DebugState.Paused(stop);
        lock.lock();
        try {
            state = paused;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        stopListeners.forEach(l -> l.accept(paused));
        lock.lock();
        try {
            while (state == paused && !cancelled) {
                changed.awaitUninterruptibly();
            }
            if (cancelled) {
                throw new CancelledException();
            }
        } finally {
            lock.unlock();
        }
    }

    /// Lets a paused run go on under `next`.
    ///
    /// @throws IllegalStateException when the run is not paused
    void command(String name, java.util.function.Function<Stop, Mode> next) {
        lock.lock();
        try {
            if (!(state instanceof DebugState.Paused(Stop stop))) {
                throw new IllegalStateException("cannot " + name + " while the run is " + describe(state));
            }
            mode = next.apply(stop);
            state = new DebugState.Running();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void requestPause() {
        lock.lock();
        try {
            pauseRequested = true;
        } finally {
            lock.unlock();
        }
    }

    void cancel() {
        lock.lock();
        try {
            cancelled = true;
            if (state instanceof DebugState.Paused) {
                state = new DebugState.Running();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /// Records the final state and tells the stop listeners.
    void finish(DebugState end) {
        lock.lock();
        try {
            state = end;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        stopListeners.forEach(l -> l.accept(end));
    }

    DebugState state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    /// Waits until the run is not [DebugState.Running], or `timeout` passes; returns the state then.
    DebugState awaitStop(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (state instanceof DebugState.Running && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            return state;
        } finally {
            lock.unlock();
        }
    }

    static String describe(DebugState s) {
        return switch (s) {
            case DebugState.Running r -> "running";
            case DebugState.Paused p -> "paused";
            case DebugState.Finished f -> "finished";
            case DebugState.Failed f -> "failed";
            case DebugState.Cancelled c -> "cancelled";
        };
    }
}
