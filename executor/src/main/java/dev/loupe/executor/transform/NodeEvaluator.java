package dev.loupe.executor.transform;

import dev.loupe.executor.kernel.KernelRegistry;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.session.SessionOptions;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.tensor.TensorConversion;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.TensorData;
import dev.loupe.model.Value;
import dev.loupe.model.transform.GraphCopier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/// Runs one node on constant inputs with the executor: the node is copied into a model of its own (same
/// opset imports and local functions), its inputs given as initializers, and that model run once.
final class NodeEvaluator {

    /// The node's outputs, or why they could not be computed.
    sealed interface Outcome {
        record Computed(List<TensorData> outputs) implements Outcome {
        }

        record Failed(String reason) implements Outcome {
        }
    }

    private final Model model;
    private final KernelRegistry registry;
    private final SessionOptions options;

    NodeEvaluator(Model model, KernelRegistry registry, SessionOptions options) {
        this.model = model;
        this.registry = registry;
        this.options = options;
    }

    /// Evaluates `node`, reading each of its inputs from `constants`; outputs in slot order, `null` for an
    /// absent optional output.
    Outcome evaluate(Node node, Map<Value, TensorData> constants) {
        var g = new Graph(null, "fold");
        var mini = new Model(g);
        mini.setIrVersion(model.irVersion());
        mini.opsetImports().addAll(model.opsetImports());
        mini.functions().addAll(model.functions());
        UnaryOperator<Value> map = v -> g.valueOrCreate(v.name());
        for (var in : node.inputs()) {
            if (in != null && !map.apply(in).isInitializer()) {
                g.setInitializer(map.apply(in), constants.get(in).withName(in.name()));
            }
        }
        new GraphCopier(map, UnaryOperator.identity()).copyNode(node, g, node.name());
        node.outputs().stream().filter(v -> v != null).forEach(v -> g.addOutput(map.apply(v)));
        try {
            var result = Session.create(mini, registry, options).run(Map.of());
            var outputs = new ArrayList<TensorData>();
            for (var out : node.outputs()) {
                if (out == null) {
                    outputs.add(null);
                } else if (result.output(out.name()) instanceof Tensor t) {
                    outputs.add(TensorConversion.toTensorData(t, out.name()));
                } else {
                    return new Outcome.Failed("output '" + out.name() + "' is not a tensor");
                }
            }
            return new Outcome.Computed(outputs);
        } catch (RuntimeException e) {
            return new Outcome.Failed(e.getMessage());
        }
    }
}
