package dev.loupe.executor.debug;

import dev.loupe.executor.session.RunResult;
import dev.loupe.executor.session.SessionException;

/// What a [Debugger]'s run is doing. [Running] is the only state in which the run moves; [Paused] waits for
/// a command; the other three are final.
public sealed interface DebugState {

    /// The worker is executing nodes.
    record Running() implements DebugState {
    }

    /// The worker waits at the gate described by `stop`.
    record Paused(Stop stop) implements DebugState {
    }

    /// The run completed.
    record Finished(RunResult result) implements DebugState {
    }

    /// The run stopped with an error (a node failed, a size guard stopped it, the inputs did not match).
    record Failed(SessionException error) implements DebugState {
    }

    /// The run was cancelled.
    record Cancelled() implements DebugState {
    }

    /// Whether the run can never move again.
    default boolean isFinal() {
        return this instanceof Finished || this instanceof Failed || this instanceof Cancelled;
    }
}
