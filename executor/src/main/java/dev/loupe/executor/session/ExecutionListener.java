package dev.loupe.executor.session;

/// Told before and after every node a run executes, at every depth (subgraphs and function bodies
/// included).
///
/// Threading: listeners are called on the thread that runs the model (the caller of [Session#run], or the
/// debugger's worker thread), one event at a time, in execution order. A listener may block, which holds
/// the run at that point (the debugger's gate is such a listener); a UI must hand events to its own thread
/// rather than touch widgets here. Throwing [dev.loupe.executor.kernel.CancelledException] stops the run.
public interface ExecutionListener {

    default void beforeNode(NodeEvent.Before event) {
    }

    default void afterNode(NodeEvent.After event) {
    }
}
