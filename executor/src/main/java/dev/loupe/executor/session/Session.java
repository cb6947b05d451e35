package dev.loupe.executor.session;

import dev.loupe.executor.kernel.KernelRegistry;
import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.tensor.AllocationGuard;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.Value;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/// A model compiled once and ready to run: nodes ordered, a kernel chosen for every node (or its function
/// body expanded), value lifetimes worked out. Creation fails fast, with a one-line
/// [UnsupportedOperatorException] or [SessionException], when any node (in subgraphs and function bodies
/// too) cannot run.
///
/// ```java
/// try (var model = ModelReader.read(path)) {
///     var session = Session.create(model);
///     var result = session.run(Map.of("x", Tensor.ofFloats(new long[] {1, 3}, 1, 2, 3)));
///     var y = result.output("y");
/// }
/// ```
///
/// Memory: each initializer is copied to a heap tensor the first time a run reads it and kept for the
/// session's life; intermediate values are dropped after their last use (see [SessionOptions] for the caps).
/// In [ExecutionMode#FAST] the session keeps the storage of dropped values to reuse in later steps and runs;
/// the outputs of a run stay the caller's and are never reused.
///
/// Threading: a session is immutable after creation; runs are serialized (a second caller of `run` waits
/// for the first to finish), because kernels may keep per-node state. Cancel a run from any thread through
/// its [RunControl]. The model must not be edited or closed while a session built from it is in use (a fast
/// session reads some weights where the model file is mapped).
public final class Session {

    private final Model model;
    private final SessionOptions options;
    private final ExecutionPlan plan;
    private final BufferPool pool;

    private Session(Model model, SessionOptions options, ExecutionPlan plan, BufferPool pool) {
        this.model = model;
        this.options = options;
        this.plan = plan;
        this.pool = pool;
    }

    /// A session with Loupe's built-in kernels and default limits.
    public static Session create(Model model) {
        return create(model, BuiltinKernels.registry(), SessionOptions.defaults());
    }

    /// A session using `registry`'s kernels and the given limits, compiled for the options'
    /// [ExecutionMode] (in [ExecutionMode#FAST] this evaluates the nodes that compute from constants only).
    ///
    /// @throws UnsupportedOperatorException when an operator has no kernel at its opset and no function body
    /// @throws SessionException             for any other problem found while compiling (a cycle, an
    ///                                      undefined value, an invalid attribute)
    public static Session create(Model model, KernelRegistry registry, SessionOptions options) {
        return create(model, registry, options, options.mode().newPool());
    }

    /// A session whose kernels take output storage from `pool` (tests hand in pools that check the rules).
    static Session create(Model model, KernelRegistry registry, SessionOptions options, BufferPool pool) {
        return new Session(model, options, options.mode().compile(model, registry), pool);
    }

    public Model model() {
        return model;
    }

    public SessionOptions options() {
        return options;
    }

    /// The main graph's declared inputs, in order (those with an initializer are optional).
    public List<Value> inputs() {
        return model.graph().inputs();
    }

    /// The inputs a run must be given: declared inputs without an initializer, in order.
    public List<Value> requiredInputs() {
        return model.graph().inputs().stream().filter(v -> !v.isInitializer()).toList();
    }

    public List<Value> outputs() {
        return model.graph().outputs();
    }

    /// The first node named `name` in the main graph or, depth first, in its subgraphs.
    public Optional<Node> findNode(String name) {
        return findNode(model.graph(), name);
    }

    private static Optional<Node> findNode(Graph g, String name) {
        for (var n : g.nodes()) {
            if (name.equals(n.name()) || name.equals(n.displayName())) {
                return Optional.of(n);
            }
            for (var sub : n.subgraphs()) {
                var found = findNode(sub, name);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /// Checks `inputs` against the model's declared inputs without running anything.
    ///
    /// @throws InputMismatchException listing every mismatch
    public void checkInputs(Map<String, ? extends RuntimeValue> inputs) {
        InputValidator.check(model.graph(), inputs);
    }

    /// Runs the model on the calling thread.
    ///
    /// @throws InputMismatchException when `inputs` do not match the declared inputs
    /// @throws NodeExecutionException when a node fails or a size guard stops the run
    public RunResult run(Map<String, ? extends RuntimeValue> inputs) {
        return run(inputs, new RunControl());
    }

    /// Runs the model on the calling thread, notifying `control`'s listeners and honouring its cancellation.
    ///
    /// @throws dev.loupe.executor.kernel.CancelledException when cancelled
    public synchronized RunResult run(Map<String, ? extends RuntimeValue> inputs, RunControl control) {
        InputValidator.check(model.graph(), inputs);
        var interpreter = new Interpreter(plan, options, control, pool);
        long start = System.nanoTime();
        Map<String, RuntimeValue> outputs;
        try {
            outputs = AllocationGuard.withLimit(options.maxTensorBytes(), () -> interpreter.runMain(inputs));
        } finally {
            pool.endRun();
        }
        return new RunResult(outputs, interpreter.stats(), System.nanoTime() - start, interpreter.peakLiveBytes());
    }
}
