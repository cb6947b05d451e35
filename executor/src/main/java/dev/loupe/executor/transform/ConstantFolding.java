package dev.loupe.executor.transform;

import dev.loupe.executor.kernel.KernelRegistry;
import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.session.SessionOptions;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.TensorData;
import dev.loupe.model.Value;
import dev.loupe.model.check.NodeOrder;
import dev.loupe.model.edit.Edit;
import dev.loupe.model.edit.EditException;
import dev.loupe.model.infer.ShapeInference;
import dev.loupe.model.transform.Cleanup;
import dev.loupe.model.transform.SnapshotEdit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// Constant folding of a model's main graph: every node whose inputs are all constants — initializers that
/// are not graph inputs, `Constant` outputs, outputs of nodes folded before it — is evaluated with the
/// executor and replaced by initializers holding its results; `Shape` and `Size` fold as soon as shape
/// inference knows their input's whole shape. Nodes left without a use are then removed (dead-code removal
/// runs as part of the same edit).
///
/// Left alone: random operators (their values would freeze), nodes holding subgraphs, `QuantizeLinear` and
/// `DequantizeLinear` (folding would undo quantization), outputs larger than [Options#maxOutputBytes], and
/// nodes the executor cannot run (each listed in [Plan#skipped] with the reason). Symbolic dimensions stop
/// folding where a shape is needed: pin them first with [dev.loupe.model.transform.ShapeEdits].
///
/// Planning evaluates the foldable nodes (so it takes as long as running that part of the model) and
/// refreshes inferred types, but does not change the model; the [Edit] does, and undoes exactly.
public final class ConstantFolding {

    private static final Set<String> NOT_FOLDED = Set.of("RandomNormal", "RandomUniform", "RandomNormalLike",
            "RandomUniformLike", "Multinomial", "Bernoulli", "Dropout", "QuantizeLinear", "DequantizeLinear");

    /// Limits of folding.
    ///
    /// @param maxOutputBytes outputs larger than this stay computed at run time rather than stored
    public record Options(long maxOutputBytes) {
        public static Options defaults() {
            return new Options(16L << 20);
        }
    }

    /// What folding would do.
    ///
    /// @param edit         replaces the folded nodes by initializers and removes what became dead
    /// @param folded       the nodes evaluated and replaced, in dependency order
    /// @param initializers the values that become initializers (outputs of folded nodes still read, or
    ///                     graph outputs)
    /// @param skipped      one line per node with constant inputs that was not folded, saying why
    public record Plan(Edit edit, List<Node> folded, List<Value> initializers, List<String> skipped) {
        public Plan {
            folded = List.copyOf(folded);
            initializers = List.copyOf(initializers);
            skipped = List.copyOf(skipped);
        }
    }

    private ConstantFolding() {
    }

    /// Plans folding with the built-in kernels and default limits.
    ///
    /// @throws EditException when nothing can be folded or the graph has a cycle
    public static Plan plan(Model model) throws EditException {
        return plan(model, Options.defaults(), BuiltinKernels.registry());
    }

    /// Plans folding with `registry`'s kernels.
    ///
    /// @throws EditException when nothing can be folded or the graph has a cycle
    public static Plan plan(Model model, Options options, KernelRegistry registry) throws EditException {
        var graph = model.graph();
        var order = NodeOrder.topological(graph);
        if (!order.cycles().isEmpty()) {
            throw new EditException("cannot fold " + graph + ": it has a cycle through " + order.cycles().getFirst().getFirst());
        }
        ShapeInference.infer(model);
        var constants = new IdentityHashMap<Value, TensorData>();
        graph.initializers().stream().filter(v -> !v.isGraphInput()).forEach(v -> constants.put(v, v.initializer()));
        var evaluator = new NodeEvaluator(model, registry, SessionOptions.defaults());
        var folded = new ArrayList<Node>();
        var skipped = new ArrayList<String>();
        for (var node : order.order()) {
            if (!node.subgraphs().isEmpty() || (node.canonicalDomain().isEmpty() && NOT_FOLDED.contains(node.opType()))) {
                continue;
            }
            var outputs = evaluate(node, constants, evaluator, skipped);
            if (outputs == null) {
                continue;
            }
            var tooLarge = outputs.stream().filter(t -> t != null && t.byteSize() > options.maxOutputBytes()).findFirst();
            if (tooLarge.isPresent()) {
                skipped.add(node.displayName() + ": output '" + tooLarge.get().name() + "' has " + tooLarge.get().byteSize()
                        + " bytes, over the limit of " + options.maxOutputBytes());
                continue;
            }
            for (int i = 0; i < outputs.size(); i++) {
                if (node.output(i) != null) {
                    constants.put(node.output(i), outputs.get(i));
                }
            }
            if (!node.opType().equals("Constant")) {
                folded.add(node);
            }
        }
        if (folded.isEmpty()) {
            throw new EditException("nothing to fold: no node computes from constants only"
                    + (skipped.isEmpty() ? "" : " (" + skipped.size() + " skipped, e.g. " + skipped.getFirst() + ")"));
        }
        var stored = stored(folded, constants);
        var edit = SnapshotEdit.of("Fold " + folded.size() + " node(s) into " + stored.size() + " constant(s)", model, () -> {
            folded.forEach(graph::detachNode);
            stored.forEach((v, t) -> graph.setInitializer(v, t.withName(v.name())));
            Cleanup.removeDeadCodeNow(model);
        });
        return new Plan(edit, folded, List.copyOf(stored.keySet()), skipped);
    }

    /// The node's outputs when all its inputs are known (or, for `Shape`/`Size`, its input's shape), else `null`.
    private static List<TensorData> evaluate(Node node, Map<Value, TensorData> constants, NodeEvaluator evaluator,
                                             List<String> skipped) {
        if (node.opType().equals("Constant") && node.attribute("value").map(a -> a.value()).orElse(null)
                instanceof AttributeValue.TensorValue(TensorData t)) {
            return List.of(t.withName(node.output(0).name()));
        }
        if (node.opType().equals("Shape") || node.opType().equals("Size")) {
            var known = StaticShapes.evaluate(node);
            if (known != null) {
                return List.of(known);
            }
        }
        if (node.inputs().stream().anyMatch(v -> v != null && !constants.containsKey(v))) {
            return null;
        }
        return switch (evaluator.evaluate(node, constants)) {
            case NodeEvaluator.Outcome.Computed(var outputs) -> outputs;
            case NodeEvaluator.Outcome.Failed(var reason) -> {
                skipped.add(node.displayName() + ": " + reason);
                yield null;
            }
        };
    }

    /// Outputs of folded nodes that something other than a folded node still reads, or that the graph returns.
    private static Map<Value, TensorData> stored(List<Node> folded, Map<Value, TensorData> constants) {
        Set<Node> gone = Collections.newSetFromMap(new IdentityHashMap<>());
        gone.addAll(folded);
        var out = new LinkedHashMap<Value, TensorData>();
        for (var n : folded) {
            for (var v : n.outputs()) {
                if (v != null && (v.isGraphOutput() || v.consumers().stream().anyMatch(c -> !gone.contains(c)))) {
                    out.put(v, constants.get(v));
                }
            }
        }
        return out;
    }
}
