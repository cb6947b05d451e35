package dev.loupe.model.transform;

import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.Value;
import dev.loupe.model.check.NodeOrder;
import dev.loupe.model.edit.Edit;
import dev.loupe.model.edit.EditException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/// Whole-graph tidying: dead-code removal and topological re-sorting, in the main graph and its subgraphs.
public final class Cleanup {

    private Cleanup() {
    }

    /// What dead-code removal would take out.
    ///
    /// @param nodes        nodes no graph output depends on, by graph, in graph order
    /// @param initializers initializers no remaining node reads and no graph output names, by graph (those
    ///                     that are also graph inputs are kept: they are part of the model's interface)
    public record DeadCode(Map<Graph, List<Node>> nodes, Map<Graph, List<Value>> initializers) {

        public int nodeCount() {
            return nodes.values().stream().mapToInt(List::size).sum();
        }

        public int initializerCount() {
            return initializers.values().stream().mapToInt(List::size).sum();
        }

        public boolean isEmpty() {
            return nodeCount() == 0 && initializerCount() == 0;
        }
    }

    /// The dead nodes and unused initializers of `model`'s main graph and of the subgraphs of its live nodes.
    public static DeadCode deadCode(Model model) {
        var live = Collections.newSetFromMap(new IdentityHashMap<Node, Boolean>());
        var graphs = new ArrayList<Graph>();
        markLive(model.graph(), live, graphs);
        var nodes = new LinkedHashMap<Graph, List<Node>>();
        var initializers = new LinkedHashMap<Graph, List<Value>>();
        for (var g : graphs) {
            var dead = g.nodes().stream().filter(n -> !live.contains(n)).toList();
            if (!dead.isEmpty()) {
                nodes.put(g, dead);
            }
            var unused = g.initializers().stream()
                    .filter(v -> !v.isGraphOutput() && !v.isGraphInput() && v.consumers().stream().noneMatch(live::contains))
                    .toList();
            if (!unused.isEmpty()) {
                initializers.put(g, unused);
            }
        }
        return new DeadCode(nodes, initializers);
    }

    /// Removes dead nodes and unused initializers (and the value infos of the values they defined).
    ///
    /// @throws EditException when there is nothing to remove
    public static Edit removeDeadCode(Model model) throws EditException {
        var dead = deadCode(model);
        if (dead.isEmpty()) {
            throw new EditException("nothing to remove: every node feeds a graph output and every initializer is used");
        }
        return SnapshotEdit.of("Remove " + dead.nodeCount() + " dead node(s) and " + dead.initializerCount()
                + " unused initializer(s)", model, () -> apply(dead));
    }

    /// Removes dead code at once, without an edit of its own: for the change of a [SnapshotEdit] that ends
    /// with a clean-up (constant folding does). Returns what it removed.
    public static DeadCode removeDeadCodeNow(Model model) {
        var dead = deadCode(model);
        apply(dead);
        return dead;
    }

    private static void apply(DeadCode dead) {
        dead.nodes().forEach((g, nodes) -> {
            var removedValues = Collections.newSetFromMap(new IdentityHashMap<Value, Boolean>());
            for (var n : nodes) {
                n.outputs().stream().filter(v -> v != null && !v.isGraphOutput()).forEach(removedValues::add);
                g.detachNode(n);
            }
            dropValueInfos(g, removedValues);
        });
        dead.initializers().forEach((g, values) -> {
            values.forEach(v -> g.setInitializer(v, null));
            dropValueInfos(g, Set.copyOf(values));
        });
    }

    private static void dropValueInfos(Graph g, Set<Value> gone) {
        for (var v : List.copyOf(g.valueInfos())) {
            if (gone.contains(v) && v.consumers().isEmpty()) {
                g.removeValueInfo(v);
            }
        }
    }

    /// Marks the nodes the outputs of `graph` depend on, then the same inside their subgraphs.
    private static void markLive(Graph graph, Set<Node> live, List<Graph> graphs) {
        graphs.add(graph);
        var queue = new ArrayDeque<Node>();
        for (var v : graph.outputs()) {
            enqueueProducer(v, graph, live, queue);
        }
        while (!queue.isEmpty()) {
            for (var v : NodeOrder.dependencies(queue.poll())) {
                enqueueProducer(v, graph, live, queue);
            }
        }
        for (var n : graph.nodes()) {
            if (live.contains(n)) {
                n.subgraphs().forEach(g -> markLive(g, live, graphs));
            }
        }
    }

    private static void enqueueProducer(Value v, Graph graph, Set<Node> live, ArrayDeque<Node> queue) {
        var p = v == null ? null : v.producer();
        if (p != null && p.graph() == graph && live.add(p)) {
            queue.add(p);
        }
    }

    /// Re-orders the nodes of the main graph, its subgraphs and function bodies so that each comes after
    /// the nodes it reads from, keeping the file order wherever it is already valid.
    ///
    /// @throws EditException when a graph has a cycle, or when every graph is already in order
    public static Edit sortTopologically(Model model) throws EditException {
        var orders = new LinkedHashMap<Graph, List<Node>>();
        var graphs = new ArrayList<Graph>();
        allGraphs(model.graph(), graphs);
        model.functions().forEach(f -> allGraphs(f.body(), graphs));
        for (var g : graphs) {
            var result = NodeOrder.topological(g);
            if (!result.cycles().isEmpty()) {
                throw new EditException("cannot sort " + g + ": nodes "
                        + result.cycles().getFirst().stream().map(n -> "'" + n.displayName() + "'").collect(Collectors.joining(", "))
                        + " form a cycle");
            }
            if (!result.order().equals(g.nodes())) {
                orders.put(g, result.order());
            }
        }
        if (orders.isEmpty()) {
            throw new EditException("nothing to sort: every node already comes after the nodes it reads from");
        }
        return SnapshotEdit.of("Sort the nodes of " + orders.size() + " graph(s) in dependency order", model,
                () -> orders.forEach(Graph::reorderNodes));
    }

    static void allGraphs(Graph graph, List<Graph> out) {
        out.add(graph);
        for (var n : graph.nodes()) {
            n.subgraphs().forEach(g -> allGraphs(g, out));
        }
    }
}
