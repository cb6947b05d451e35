package dev.loupe.app.debug;

import dev.loupe.executor.debug.DebugOptions;
import dev.loupe.executor.debug.DebugState;
import dev.loupe.executor.debug.Debugger;
import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.session.SessionOptions;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.Model;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import javafx.concurrent.Task;

/// The background work of a debugging session, as [Task]s for the debugger's task runner.
final class DebugTasks {

    private DebugTasks() {
    }

    /// A started run: the session (compiled once per model and reused) and its debugger, paused at entry or
    /// already running the first command.
    record Started(Session session, Debugger debugger) {
    }

    /// Compiles the model (unless `cached` is its session already), starts a debugger paused before the
    /// first node, lets `attach` add listeners, then gives the first command with `first` (which may do
    /// nothing, to stay at the entry). A debugger started by a task that is then cancelled is closed.
    static Task<Started> start(Model model, Session cached, Map<String, RuntimeValue> inputs, DebugOptions options,
                               Consumer<Debugger> attach, Consumer<Debugger> first) {
        return new Task<>() {
            private volatile Debugger started;

            @Override
            protected void cancelled() {
                var d = started;
                if (d != null) {
                    closeInBackground(d);
                }
            }

            @Override
            protected Started call() throws Exception {
                updateProgress(-1, 1);
                var session = cached;
                if (session == null) {
                    updateMessage("Compiling the model…");
                    session = Session.create(model, BuiltinKernels.registry(), SessionOptions.defaults());
                }
                if (isCancelled()) {
                    throw new CancellationException();
                }
                updateMessage("Starting the run…");
                var debugger = Debugger.start(session, inputs, options.withStopAtEntry(true));
                started = debugger;
                attach.accept(debugger);
                var state = debugger.awaitStop(Duration.ofMinutes(1));
                if (isCancelled()) {
                    closeInBackground(debugger);
                    throw new CancellationException();
                }
                if (state instanceof DebugState.Paused) {
                    first.accept(debugger);
                }
                return new Started(session, debugger);
            }
        };
    }

    /// Follows one leg of a running debugger — from a command until the run stops — reporting `done()` of
    /// `total` nodes as progress; cancelling the task pauses the run (before its next node) unless the leg
    /// has ended (see [Watch#endLeg()]).
    static Watch watch(Debugger debugger, IntSupplier done, int total) {
        return new Watch(debugger, done, total);
    }

    /// The task of [#watch].
    static final class Watch extends Task<Void> {

        private final Debugger debugger;
        private final IntSupplier done;
        private final int total;
        private volatile boolean legEnded;

        private Watch(Debugger debugger, IntSupplier done, int total) {
            this.debugger = debugger;
            this.done = done;
            this.total = total;
        }

        /// Tells the watch that its leg is over: the run stopped, or the next command was given. From then
        /// on a cancellation — the task runner's, when the next leg's watch starts — ends the task without
        /// pausing. A watch whose thread has not yet seen the stop would otherwise take the next leg for its
        /// own and pause it. Call before the task is cancelled.
        void endLeg() {
            legEnded = true;
        }

        @Override
        protected Void call() {
            try {
                while (debugger.awaitStop(Duration.ofMillis(50)) instanceof DebugState.Running) {
                    if (isCancelled()) {
                        pauseUnlessLegEnded();
                        break;
                    }
                    int n = done.getAsInt();
                    updateProgress(Math.min(n, total), Math.max(1, total));
                    updateMessage("Running… " + n + " of " + total + " nodes");
                }
            } catch (InterruptedException e) {
                pauseUnlessLegEnded();
            }
            return null;
        }

        private void pauseUnlessLegEnded() {
            if (!legEnded) {
                debugger.pause();
            }
        }
    }

    /// Ends `debugger`'s run and waits for its thread, off the FX thread.
    static void closeInBackground(Debugger debugger) {
        debugger.cancel();
        Thread.ofVirtual().name("loupe-debugger-close").start(debugger::close);
    }
}
