package dev.loupe.executor.compare;

import dev.loupe.executor.session.FramePath;
import dev.loupe.executor.session.RunControl;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.session.SessionOptions;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Model;
import dev.loupe.model.TypeInfo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/// Produces the [ReferenceValues] of one [Reference] for a model: reads the expected outputs, runs the
/// float64 shadow, runs the other model on matched inputs, or asks the backend. Sessions (and the tensor
/// matching of another model) are built once, when the runner is made, and reused by every [#run].
final class ReferenceRunner {

    private final Reference reference;
    private final Model model;
    private final Session session;
    private final Float64Kernels shadow;
    private final ValueMatcher.Match match;
    private final int nodeCount;

    ReferenceRunner(Reference reference, Model model, RegistryWrapper registry, SessionOptions options) {
        this.reference = reference;
        this.model = model;
        switch (reference) {
            case Reference.Float64Shadow s -> {
                shadow = new Float64Kernels();
                session = registry.session(model, options, shadow::shadow);
                match = null;
            }
            case Reference.OtherModel o -> {
                shadow = null;
                session = registry.session(o.model(), options, null);
                match = ValueMatcher.match(model.graph(), o.model().graph());
            }
            default -> {
                shadow = null;
                session = null;
                match = null;
            }
        }
        nodeCount = session == null ? 0 : session.model().graph().totalNodeCount();
    }

    ReferenceValues run(Map<String, ? extends RuntimeValue> inputs, ComparisonMonitor monitor) {
        long start = System.nanoTime();
        var values = switch (reference) {
            case Reference.Expected e -> given(inputs, e.outputs());
            case Reference.Float64Shadow s -> record(inputs, new ReferenceValues(UnaryOperator.identity(), true, model), monitor);
            case Reference.OtherModel o -> record(feeds(o.model(), inputs),
                    new ReferenceValues(name -> match.names().get(name), false, o.model()), monitor);
            case Reference.Backend b -> given(inputs, b.runner().run(model, Map.copyOf(inputs)));
        };
        values.setNanos(System.nanoTime() - start);
        return values;
    }

    private static ReferenceValues given(Map<String, ? extends RuntimeValue> inputs, Map<String, RuntimeValue> known) {
        var values = new ReferenceValues(UnaryOperator.identity(), false, null);
        inputs.forEach((name, v) -> values.put(FramePath.ROOT, name, v));
        known.forEach((name, v) -> values.put(FramePath.ROOT, name, v));
        return values;
    }

    /// The run's inputs as the other model's inputs: matched by [ValueMatcher], converted to its declared
    /// floating-point types.
    private Map<String, RuntimeValue> feeds(Model other, Map<String, ? extends RuntimeValue> inputs) {
        var feeds = new LinkedHashMap<String, RuntimeValue>();
        for (var in : other.graph().inputs()) {
            var from = match.feeds().get(in.name());
            var value = from == null ? null : inputs.get(from);
            if (value != null) {
                feeds.put(in.name(), convert(value, in.type()));
            }
        }
        return feeds;
    }

    private ReferenceValues record(Map<String, ? extends RuntimeValue> inputs, ReferenceValues values, ComparisonMonitor monitor) {
        inputs.forEach((name, v) -> values.put(FramePath.ROOT, name, v));
        if (shadow != null) {
            shadow.startRun();
        }
        var control = new RunControl()
                .addListener(new MonitorListener(monitor, ComparisonMonitor.Phase.REFERENCE, nodeCount))
                .addListener(values.recorder(shadow));
        var result = session.run(inputs, control);
        result.outputs().forEach((name, v) -> values.put(FramePath.ROOT, name, v));
        return values;
    }

    /// A floating-point tensor converted to the floating-point element type `declared` asks for.
    private static RuntimeValue convert(RuntimeValue value, TypeInfo declared) {
        if (declared instanceof TypeInfo.TensorType tt && value instanceof Tensor t
                && TensorCasts.convertible(t.type()) && TensorCasts.convertible(tt.elementType())) {
            return TensorCasts.to(t, tt.elementType());
        }
        return value;
    }
}
