package dev.loupe.model.transform;

import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import dev.loupe.model.Value;
import dev.loupe.model.check.NodeOrder;
import dev.loupe.model.edit.EditException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// A convex set of nodes of one graph and its boundary: the values it reads from outside and the values it
/// produces for outside.
///
/// Convex means no path leaves the set and comes back into it (through nodes outside it), so the set can
/// be replaced by one node without making a cycle.
///
/// @param graph   the graph holding the nodes
/// @param nodes   the nodes, in graph order
/// @param inputs  values read by the nodes (directly or through their subgraphs) and defined outside the
///                set — graph inputs, initializers, outputs of other nodes — in first-use order
/// @param outputs values the nodes produce that a node outside the set reads or that are graph outputs, in
///                graph order
public record NodeSelection(Graph graph, List<Node> nodes, List<Value> inputs, List<Value> outputs) {

    public NodeSelection {
        nodes = List.copyOf(nodes);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /// Analyses `selected`, refusing an empty, mixed-graph or non-convex selection with the reason.
    public static NodeSelection of(Collection<Node> selected) throws EditException {
        if (selected.isEmpty()) {
            throw new EditException("select at least one node");
        }
        var graph = selected.iterator().next().graph();
        var members = identitySet(selected);
        for (var n : selected) {
            if (n.graph() != graph) {
                throw new EditException(n + " is in another graph than " + selected.iterator().next()
                        + ": select nodes of one graph");
            }
        }
        var ordered = graph.nodes().stream().filter(members::contains).toList();
        if (ordered.size() != members.size()) {
            var missing = selected.stream().filter(n -> !ordered.contains(n)).findFirst().orElseThrow();
            throw new EditException(missing + " is no longer in " + graph);
        }
        var owners = owners(graph);
        var inputs = new LinkedHashSet<Value>();
        var outputs = new LinkedHashSet<Value>();
        for (var n : ordered) {
            for (var v : NodeOrder.dependencies(n)) {
                if (v.producer() == null || !members.contains(top(v.producer(), graph, owners))) {
                    inputs.add(v);
                }
            }
            for (var v : n.outputs()) {
                if (v != null && (v.isGraphOutput() || v.consumers().stream()
                        .anyMatch(c -> !members.contains(top(c, graph, owners))))) {
                    outputs.add(v);
                }
            }
        }
        checkConvex(graph, ordered, members, owners);
        return new NodeSelection(graph, ordered, List.copyOf(inputs), List.copyOf(outputs));
    }

    /// Walks forward from the selection through outside nodes; reaching the selection again means a path
    /// leaves it and re-enters.
    private static void checkConvex(Graph graph, List<Node> ordered, Set<Node> members, Map<Graph, Node> owners)
            throws EditException {
        var origin = new IdentityHashMap<Node, Node>();
        var queue = new ArrayDeque<Node>();
        for (var n : ordered) {
            for (var c : consumersOf(n, graph, owners)) {
                if (!members.contains(c) && !origin.containsKey(c)) {
                    origin.put(c, n);
                    queue.add(c);
                }
            }
        }
        while (!queue.isEmpty()) {
            var outside = queue.poll();
            for (var c : consumersOf(outside, graph, owners)) {
                if (members.contains(c)) {
                    throw new EditException("the selection is not convex: " + outside.displayName() + " (not selected) depends on "
                            + origin.get(outside).displayName() + " and feeds " + c.displayName()
                            + "; select it too or leave out the nodes after it");
                }
                if (!origin.containsKey(c)) {
                    origin.put(c, origin.get(outside));
                    queue.add(c);
                }
            }
        }
    }

    /// The nodes of `graph` reading an output of `n`, directly or through their subgraphs.
    private static Set<Node> consumersOf(Node n, Graph graph, Map<Graph, Node> owners) {
        var out = new LinkedHashSet<Node>();
        for (var v : n.outputs()) {
            if (v != null) {
                for (var c : v.consumers()) {
                    var t = top(c, graph, owners);
                    if (t != null) {
                        out.add(t);
                    }
                }
            }
        }
        return out;
    }

    /// The node of `graph` that holds `n`, possibly through nested subgraphs; `null` for a node elsewhere.
    static Node top(Node n, Graph graph, Map<Graph, Node> owners) {
        var node = n;
        while (node != null && node.graph() != graph) {
            node = owners.get(node.graph());
        }
        return node;
    }

    /// For every subgraph nested (at any depth) under a node of `graph`, the node that holds it.
    static Map<Graph, Node> owners(Graph graph) {
        var out = new IdentityHashMap<Graph, Node>();
        var queue = new ArrayDeque<Node>(graph.nodes());
        while (!queue.isEmpty()) {
            var n = queue.poll();
            for (var g : n.subgraphs()) {
                out.put(g, n);
                queue.addAll(g.nodes());
            }
        }
        return out;
    }

    static <T> Set<T> identitySet(Collection<T> items) {
        Set<T> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(items);
        return set;
    }
}
