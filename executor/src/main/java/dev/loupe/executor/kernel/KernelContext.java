package dev.loupe.executor.kernel;

import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
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

    /// Storage for one of this node's outputs: a tensor of `type` and `shape` whose contents are
    /// unspecified, so the kernel must write every element before returning it. A session in
    /// [dev.loupe.executor.session.ExecutionMode#FAST] hands out recycled arrays of values that are no longer
    /// used; the default allocates a zero-filled tensor. Only for tensors the kernel returns: scratch space that
    /// outlives the call, or is kept between calls, must be allocated as usual.
    ///
    /// @throws dev.loupe.executor.tensor.TensorSizeException when the tensor would exceed the run's size cap
    default Tensor output(ElementType type, long... shape) {
        return Tensor.allocate(type, shape);
    }
}
