package dev.loupe.executor.kernel;

import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.Graph;

/// What a running kernel may ask of the session that runs it.
public interface KernelContext {

    /// Throws [CancelledException] when the run was cancelled; long kernels call it between chunks of work.
    void checkCancelled();

    /// Runs a subgraph of this node (an `If` branch, a `Loop` or `Scan` body, a function body) with
    /// `inputs` bound positionally to the subgraph's inputs, names it does not define resolved in the
    /// enclosing scopes, and returns its outputs in order. The session treats the subgraph's nodes like any
    /// other (listeners, breakpoints, stepping into them).
    RuntimeValue[] runSubgraph(Graph body, RuntimeValue[] inputs);

    /// Threads the kernel may use for intra-op parallelism (1 means: stay on the calling thread).
    int threads();
}
