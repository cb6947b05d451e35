package dev.loupe.executor.compare;

import dev.loupe.executor.kernel.KernelRegistry;
import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.session.SessionOptions;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.testdata.Tolerance;
import dev.loupe.model.Model;

import java.util.Map;

/// Compares a model's run with a [Reference], node by node: the engine behind `loupe compare` and the
/// debugger's discrepancy view.
///
/// ```java
/// var report = Comparer.withBuiltinKernels().compare(model, inputs, new Reference.Float64Shadow(),
///         Comparer.DEFAULT_TOLERANCE, ComparisonMonitor.none());
/// report.firstDivergent().ifPresent(n -> System.out.println("drift starts at " + n.name()));
/// System.out.print(ReportText.render(report, 10));
/// ```
///
/// **How.** The reference comes first (files read, or the shadow run, other model or backend run while
/// every node's inputs and outputs are kept). Then the model runs once; as each node completes, its
/// outputs are compared with their reference values (observed error) and its kernel is re-run on the
/// reference's inputs (local error; see [ComparisonReport]). Finally every tree-ensemble node gets a
/// [TreePathReport].
///
/// **Cost.** The reference's tensors stay in memory until the comparison ends (about one more copy of
/// every intermediate tensor, twice its size for a float64 shadow). Each node runs up to twice more: in
/// the reference, and re-run on the reference's inputs unless those equal the run's own. Every output is
/// measured twice (observed and local).
///
/// **Threading.** [#compare] runs on the calling thread — call it off a UI thread — and may be called
/// from several threads at once (each call builds its own sessions; [#prepare] builds them once for many
/// runs). Cancel through the monitor.
public final class Comparer {

    /// atol 1e-5, rtol 1e-5: the usual defaults of comparison tools.
    public static final Tolerance DEFAULT_TOLERANCE = new Tolerance(1e-5, 1e-5);

    private final RegistryWrapper registry;
    private final SessionOptions options;

    /// A comparer running models with `registry`'s kernels (registration must be complete) under `options`.
    public Comparer(KernelRegistry registry, SessionOptions options) {
        this.registry = new RegistryWrapper(registry);
        this.options = options;
    }

    /// A comparer with Loupe's built-in kernels and default session limits.
    public static Comparer withBuiltinKernels() {
        return new Comparer(BuiltinKernels.registry(), SessionOptions.defaults());
    }

    /// Runs `model` on `inputs` and compares every node and output with `reference`: [#prepare] then
    /// [PreparedComparison#run].
    ///
    /// @throws dev.loupe.executor.session.SessionException when the model or the reference model cannot be
    ///         compiled or a run fails (the message names the node)
    /// @throws dev.loupe.executor.kernel.CancelledException when the monitor cancels
    public ComparisonReport compare(Model model, Map<String, ? extends RuntimeValue> inputs, Reference reference,
                                    Tolerance tolerance, ComparisonMonitor monitor) {
        return prepare(model, reference).run(inputs, tolerance, monitor);
    }

    /// Compiles the sessions a comparison of `model` with `reference` needs, for repeated runs.
    ///
    /// @throws dev.loupe.executor.session.SessionException when the model or the reference model cannot be
    ///         compiled
    public PreparedComparison prepare(Model model, Reference reference) {
        return new PreparedComparison(model, reference, registry, options);
    }
}
