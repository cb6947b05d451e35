package dev.loupe.executor.compare;

/// Follows and cancels a comparison. Called on the comparing thread: a UI hands the progress to its own
/// thread, and answers [#isCancelled()] from a flag its Cancel button sets.
public interface ComparisonMonitor {

    /// The stages of a comparison, in order.
    enum Phase {
        /// Running the reference (the shadow run, the other model or the backend).
        REFERENCE,
        /// Running the model itself, comparing each node as it completes.
        RUN,
        /// Analysing tree ensembles.
        TREES
    }

    /// A node has started; `nodesTotal` counts the model's nodes with those of its subgraphs, an estimate
    /// when loops run bodies many times.
    default void progress(Phase phase, int nodesDone, int nodesTotal) {
    }

    /// Polled before every node and inside long kernels; `true` ends the comparison with
    /// [dev.loupe.executor.kernel.CancelledException].
    default boolean isCancelled() {
        return false;
    }

    /// Reports nothing and never cancels.
    static ComparisonMonitor none() {
        return new ComparisonMonitor() {
        };
    }
}
