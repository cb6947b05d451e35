package dev.loupe.executor.compare;

import dev.loupe.executor.session.FramePath;
import dev.loupe.executor.session.RunControl;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.session.SessionOptions;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.testdata.Tolerance;
import dev.loupe.model.Model;

import java.util.ArrayList;
import java.util.Map;

/// A model and a reference ready to be compared on any number of input sets: the sessions (the model's,
/// and the shadow's or the other model's) are compiled once, by [Comparer#prepare]. The debugger keeps one
/// per model revision so that re-comparing after new inputs costs only the runs.
///
/// The model (and another model used as reference) must not be edited while this object is in use; after
/// an edit, prepare again. Runs are serialized: a second caller of [#run] waits for the first.
public final class PreparedComparison {

    private final Model model;
    private final Reference reference;
    private final ReferenceRunner referenceRunner;
    private final Session session;
    private final KernelCapture capture = new KernelCapture();
    private final SessionOptions options;
    private final int nodeCount;

    PreparedComparison(Model model, Reference reference, RegistryWrapper registry, SessionOptions options) {
        this.model = model;
        this.reference = reference;
        this.options = options;
        this.referenceRunner = new ReferenceRunner(reference, model, registry, options);
        this.session = registry.session(model, options, capture::record);
        this.nodeCount = model.graph().totalNodeCount();
    }

    public Model model() {
        return model;
    }

    public Reference reference() {
        return reference;
    }

    /// Produces the reference for `inputs`, runs the model on them comparing each node as it completes,
    /// then analyses tree ensembles. See [Comparer] for what is compared.
    ///
    /// @throws dev.loupe.executor.session.SessionException when a run fails (the message names the node)
    /// @throws dev.loupe.executor.kernel.CancelledException when the monitor cancels
    public synchronized ComparisonReport run(Map<String, ? extends RuntimeValue> inputs, Tolerance tolerance,
                                             ComparisonMonitor monitor) {
        var refs = referenceRunner.run(inputs, monitor);
        var observer = new NodeObserver(refs, capture, tolerance, monitor, options.threads());
        var control = new RunControl()
                .addListener(new MonitorListener(monitor, ComparisonMonitor.Phase.RUN, nodeCount))
                .addListener(observer);
        long start = System.nanoTime();
        var result = session.run(inputs, control);
        long runNanos = System.nanoTime() - start;

        var verdicts = new ArrayList<OutputVerdict>();
        for (var out : model.graph().outputs()) {
            var value = result.outputs().get(out.name());
            var ref = refs.lookup(FramePath.ROOT, out.name());
            if (ref != null && refs.roundToRun()) {
                ref = TensorCasts.like(ref, value);
            }
            verdicts.add(new OutputVerdict(out.name(), ref == null ? new Discrepancy.Unavailable("no reference value")
                    : Discrepancy.of(value, ref, tolerance)));
        }
        var trees = new ArrayList<TreePathReport>();
        for (var run : observer.trees()) {
            monitor.progress(ComparisonMonitor.Phase.TREES, trees.size(), observer.trees().size());
            trees.add(TreePathAnalysis.analyse(run, refs, tolerance));
        }
        return new ComparisonReport(reference.describe(), tolerance, observer.nodes(), verdicts, trees, runNanos, refs.nanos());
    }
}
