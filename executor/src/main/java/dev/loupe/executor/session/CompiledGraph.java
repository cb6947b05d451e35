package dev.loupe.executor.session;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.tensor.TensorConversion;
import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import dev.loupe.model.TensorData;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/// A graph ready to run: nodes in a topological order, each with its kernel, the names each step reads and
/// writes, and the names whose last use a step is (so the run can drop them).
final class CompiledGraph {

    /// One node to run.
    ///
    /// @param inputs       input names per slot (`null` for an absent optional input)
    /// @param outputs      output names per slot (`null` for an unused optional output)
    /// @param releaseAfter local names no later step (and no graph output) needs once this step has run
    record Step(int index, Node node, Kernel kernel, long opsetVersion, String[] inputs, String[] outputs,
                String[] releaseAfter) {
    }

    private final Graph graph;
    private final List<Step> steps;
    private final List<String> inputNames;
    private final List<String> outputNames;
    private final Map<String, TensorData> initializers;
    private final Map<String, Tensor> constants = new ConcurrentHashMap<>();
    private final Map<String, Tensor> precomputed;

    CompiledGraph(Graph graph, List<Step> steps, Map<String, TensorData> initializers) {
        this(graph, steps, initializers, Map.of());
    }

    /// A graph whose `precomputed` values (folded constants, fused weights) are read like initializers.
    CompiledGraph(Graph graph, List<Step> steps, Map<String, TensorData> initializers, Map<String, Tensor> precomputed) {
        this.graph = graph;
        this.steps = List.copyOf(steps);
        this.inputNames = graph.inputs().stream().map(v -> v.name()).toList();
        this.outputNames = graph.outputs().stream().map(v -> v.name()).toList();
        this.initializers = Map.copyOf(initializers);
        this.precomputed = Map.copyOf(precomputed);
    }

    Map<String, TensorData> initializers() {
        return initializers;
    }

    Graph graph() {
        return graph;
    }

    List<Step> steps() {
        return steps;
    }

    List<String> inputNames() {
        return inputNames;
    }

    List<String> outputNames() {
        return outputNames;
    }

    /// The precomputed value or initializer named `name` as a tensor (converted once, then shared), or `null`.
    Tensor constant(String name) {
        var known = precomputed.get(name);
        if (known != null) {
            return known;
        }
        var data = initializers.get(name);
        return data == null ? null : constants.computeIfAbsent(name, n -> TensorConversion.fromTensorData(data));
    }
}
