package dev.loupe.executor.compare;

import dev.loupe.executor.session.ExecutionListener;
import dev.loupe.executor.session.FramePath;
import dev.loupe.executor.session.NodeEvent;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.Model;
import dev.loupe.model.Node;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/// The reference side of a comparison: values by frame and tensor name, as a reference run produced them
/// or as files gave them, and how the run's main-graph names map onto them.
///
/// Frames are keyed by their text ([FramePath#toString()]), which names callers and iterations, so that a
/// run and its shadow (two sessions of one model) meet in the same loop iteration of the same body. A name
/// not found in a frame is looked up in the enclosing frames, as subgraphs read outer values.
final class ReferenceValues {

    private final Map<String, Map<String, RuntimeValue>> byFrame = new HashMap<>();
    private final Map<String, RuntimeValue> main = new HashMap<>();
    private final Set<String> notShadowed = new HashSet<>();
    private final UnaryOperator<String> mainNames;
    private final boolean roundToRun;
    private final Model model;
    private long nanos;

    /// @param mainNames  maps a main-graph tensor name of the run to the reference's name, `null` when it
    ///                   has no counterpart
    /// @param roundToRun whether reference values are rounded to the run's floating-point types before
    ///                   being compared (the shadow run)
    /// @param model      the model the reference ran, for tree-ensemble thresholds; `null` when none did
    ReferenceValues(UnaryOperator<String> mainNames, boolean roundToRun, Model model) {
        this.mainNames = mainNames;
        this.roundToRun = roundToRun;
        this.model = model;
    }

    void put(FramePath frame, String name, RuntimeValue value) {
        frame(frame).put(name, value);
    }

    /// The reference value of the run's tensor `name` as read in `frame`, or `null`.
    RuntimeValue lookup(FramePath frame, String name) {
        for (var f = frame; !f.isRoot(); f = f.parent()) {
            var values = byFrame.get(f.toString());
            var v = values == null ? null : values.get(name);
            if (v != null) {
                return v;
            }
        }
        var refName = mainNames.apply(name);
        return refName == null ? null : main.get(refName);
    }

    /// The reference's own main-graph name for the run's tensor `name`, or `null`.
    String referenceName(String name) {
        return mainNames.apply(name);
    }

    boolean roundToRun() {
        return roundToRun;
    }

    Model model() {
        return model;
    }

    /// Whether the shadow run computed the node (run in `frame`) in double.
    boolean shadowed(FramePath frame, Node node) {
        return notShadowed.isEmpty() || !notShadowed.contains(nodeKey(frame, node));
    }

    long nanos() {
        return nanos;
    }

    void setNanos(long nanos) {
        this.nanos = nanos;
    }

    /// A listener that records every node's inputs and outputs of a reference run; `shadow` (or `null`)
    /// tells which nodes ran in double.
    ExecutionListener recorder(Float64Kernels shadow) {
        return new ExecutionListener() {
            @Override
            public void afterNode(NodeEvent.After event) {
                var node = event.node();
                var values = frame(event.frame());
                for (int i = 0; i < event.inputs().size(); i++) {
                    var in = node.input(i);
                    if (in != null && !in.name().isEmpty() && event.inputs().get(i) != null) {
                        values.putIfAbsent(in.name(), event.inputs().get(i));
                    }
                }
                for (int i = 0; i < event.outputs().size(); i++) {
                    var out = node.output(i);
                    if (out != null && event.outputs().get(i) != null) {
                        values.put(out.name(), event.outputs().get(i));
                    }
                }
                if (shadow != null && !shadow.shadowed(node)) {
                    notShadowed.add(nodeKey(event.frame(), node));
                }
            }
        };
    }

    private Map<String, RuntimeValue> frame(FramePath frame) {
        return frame.isRoot() ? main : byFrame.computeIfAbsent(frame.toString(), k -> new HashMap<>());
    }

    private static String nodeKey(FramePath frame, Node node) {
        var first = node.outputs().stream().filter(v -> v != null).findFirst();
        return frame + "\u0000" + first.map(v -> v.name()).orElse(node.displayName());
    }
}
