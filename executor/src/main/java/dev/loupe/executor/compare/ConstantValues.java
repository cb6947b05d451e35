package dev.loupe.executor.compare;

import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import dev.loupe.model.Value;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/// Which tensors are constants of a model: initializers that are not graph inputs, and the outputs of nodes
/// that read only constants (a `Constant` node, a chain folded from constants). Random generators and
/// nodes with subgraphs never make constants. A name not defined in a graph is looked up in the enclosing
/// graphs, as subgraphs see outer values.
///
/// Computed per graph on first use; used on one thread.
final class ConstantValues {

    private final Map<Graph, Set<String>> byGraph = new IdentityHashMap<>();

    /// Whether `name`, as read by a node of `graph`, is a constant.
    boolean isConstant(Graph graph, String name) {
        for (var g = graph; g != null; g = g.parent()) {
            if (constants(g).contains(name)) {
                return true;
            }
            var v = g.value(name);
            if (v != null && (v.producer() != null || v.isGraphInput())) {
                return false;
            }
        }
        return false;
    }

    /// Whether every output of `node` is a constant.
    boolean producesConstants(Node node) {
        return node.outputs().stream().allMatch(v -> v == null || isConstant(node.graph(), v.name()));
    }

    private Set<String> constants(Graph g) {
        var known = byGraph.get(g);
        if (known != null) {
            return known;
        }
        var names = new HashSet<String>();
        for (var v : g.initializers()) {
            if (!v.isGraphInput()) {
                names.add(v.name());
            }
        }
        byGraph.put(g, names);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (var node : g.nodes()) {
                if (folds(node) && node.outputs().stream().anyMatch(v -> v != null && !names.contains(v.name()))) {
                    node.outputs().stream().filter(v -> v != null).map(Value::name).forEach(names::add);
                    grew = true;
                }
            }
        }
        return names;
    }

    private boolean folds(Node node) {
        if (!node.subgraphs().isEmpty() || node.opType().startsWith("Random") || node.opType().equals("Bernoulli")
                || node.opType().equals("Multinomial")) {
            return false;
        }
        for (var in : node.inputs()) {
            if (in != null && !in.name().isEmpty() && !isConstant(node.graph(), in.name())) {
                return false;
            }
        }
        return true;
    }
}
