package dev.loupe.model.check;

import dev.loupe.model.AttributeValue;
import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import dev.loupe.model.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// Checks the structure of a graph and, recursively, of its subgraphs: unique names, single assignment,
/// every value defined before it is read (names of enclosing graphs included for subgraphs), outputs
/// defined, no dependency cycles. Hands each node to a [NodeChecker].
///
/// One instance checks one model; it keeps the set of values defined so far along the current path
/// through the graph and its subgraphs.
final class GraphChecker {

    private final NodeChecker nodeChecker;
    private final List<Problem> out;
    /// Values readable at the current point of the walk, in this graph and the enclosing ones.
    private final Set<Value> available = new HashSet<>();
    /// The graphs being walked, innermost first.
    private final ArrayDeque<Scope> scopes = new ArrayDeque<>();

    /// A graph being walked: the node of the enclosing graph that holds it (`null` at the top), the node
    /// being checked, and reads of values whose producer comes later in this graph, by reading node.
    private static final class Scope {
        final Graph graph;
        final Map<Node, List<Value>> lateReads = new LinkedHashMap<>();
        Node current;

        Scope(Graph graph) {
            this.graph = graph;
        }
    }

    GraphChecker(NodeChecker nodeChecker, List<Problem> out) {
        this.nodeChecker = nodeChecker;
        this.out = out;
    }

    /// Checks `graph` (a model graph or a function body) with nothing from outside in scope.
    void checkTopLevel(Graph graph, String loc, OpsetContext ctx) {
        available.clear();
        check(graph, loc, ctx);
    }

    private void check(Graph graph, String loc, OpsetContext ctx) {
        var defined = new ArrayList<Value>();
        var inputSet = new HashSet<Value>();
        for (var v : graph.inputs()) {
            if (!inputSet.add(v)) {
                out.add(Problem.error(Locations.value(loc, v.name()), "is listed twice as a graph input: expected unique input names"));
            } else {
                define(v, loc, defined);
            }
        }
        checkInitializers(graph, loc, ctx, inputSet, defined);
        var scope = new Scope(graph);
        scopes.push(scope);
        var nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            var node = nodes.get(i);
            scope.current = node;
            var nodeLoc = Locations.node(loc, node, i);
            nodeChecker.check(node, nodeLoc, ctx);
            checkInputs(graph, node, nodeLoc);
            for (var attr : node.attributes().values()) {
                switch (attr.value()) {
                    case AttributeValue.GraphValue(Graph g) -> check(g, Locations.attribute(nodeLoc, attr.name()), ctx);
                    case AttributeValue.Graphs(List<Graph> gs) -> {
                        for (int k = 0; k < gs.size(); k++) {
                            check(gs.get(k), Locations.attribute(nodeLoc, attr.name()) + "[" + k + "]", ctx);
                        }
                    }
                    default -> { }
                }
            }
            checkOutputs(node, nodeLoc, loc, inputSet, defined);
        }
        for (var v : graph.outputs()) {
            if (available.contains(v)) {
                continue;
            }
            if (v.producer() != null) {
                recordLateRead(v);
            } else {
                out.add(Problem.error(Locations.value(loc, v.name()), "is a graph output that nothing defines: expected a node output, "
                        + "graph input or initializer of that name"));
            }
        }
        scopes.pop();
        if (!scope.lateReads.isEmpty()) {
            reportOrder(graph, loc, scope.lateReads);
        }
        // Element by element: Set.removeAll may scan the list once per element of the set.
        for (var v : defined) {
            available.remove(v);
        }
    }

    private void checkInitializers(Graph graph, String loc, OpsetContext ctx, Set<Value> inputSet, List<Value> defined) {
        boolean initializersAreInputs = graph.parent() == null && ctx.function() == null && ctx.irVersion() != null
                && ctx.irVersion() <= VersionRules.LAST_IR_WITH_INITIALIZERS_AS_INPUTS;
        for (var v : graph.initializers()) {
            if (inputSet.contains(v)) {
                continue;
            }
            if (initializersAreInputs) {
                out.add(Problem.error(Locations.value(loc, v.name()), "is an initializer but not a graph input, which IR version "
                        + ctx.irVersion() + " requires (IR 4 and later do not)"));
            }
            define(v, loc, defined);
        }
    }

    private void checkInputs(Graph graph, Node node, String nodeLoc) {
        var inputs = node.inputs();
        for (int k = 0; k < inputs.size(); k++) {
            var v = inputs.get(k);
            if (v == null || available.contains(v)) {
                continue;
            }
            if (v.producer() == null) {
                out.add(Problem.error(nodeLoc + " / input " + k, "reads '" + v.name() + "', which is not defined: expected a "
                        + (graph.parent() == null ? "graph input, an initializer or an earlier node's output"
                        : "graph input, an initializer, an earlier node's output or a value of an enclosing graph")));
            } else {
                recordLateRead(v);
            }
        }
    }

    /// Charges a read of `v` before its producer to the node of `v`'s graph that does the reading, directly
    /// or through the subgraph being walked, so that order and cycles are judged in that graph.
    private void recordLateRead(Value v) {
        for (var scope : scopes) {
            if (scope.graph == v.producer().graph()) {
                scope.lateReads.computeIfAbsent(scope.current, n -> new ArrayList<>()).add(v);
                return;
            }
        }
    }

    private void checkOutputs(Node node, String nodeLoc, String loc, Set<Value> inputSet, List<Value> defined) {
        var seen = new HashSet<Value>();
        for (var v : node.outputs()) {
            if (v == null) {
                continue;
            }
            if (!seen.add(v)) {
                out.add(Problem.error(nodeLoc, "writes '" + v.name() + "' twice: expected single assignment of each name"));
            } else if (v.isInitializer() || inputSet.contains(v)) {
                out.add(Problem.error(nodeLoc, "writes '" + v.name() + "', which is also a graph "
                        + (v.isInitializer() ? "initializer" : "input") + ": expected single assignment of each name"));
            } else {
                define(v, loc, defined);
            }
        }
    }

    /// Makes `v` readable; a subgraph name that hides a name of an enclosing graph breaks single assignment.
    private void define(Value v, String loc, List<Value> defined) {
        var parent = v.graph().parent();
        if (parent != null) {
            var outer = parent.resolve(v.name());
            if (outer != null && outer.isDefined()) {
                out.add(Problem.error(Locations.value(loc, v.name()), "hides a value of the same name in an enclosing graph: "
                        + "expected names unique across nested scopes (single static assignment)"));
            }
        }
        available.add(v);
        defined.add(v);
    }

    private void reportOrder(Graph graph, String loc, Map<Node, List<Value>> lateReads) {
        var order = NodeOrder.topological(graph);
        var onCycle = new HashSet<Node>();
        for (var cycle : order.cycles()) {
            onCycle.addAll(cycle);
            var names = cycle.stream().map(Node::displayName).limit(6).toList();
            out.add(Problem.error(loc, "nodes form a cycle (" + String.join(" -> ", names)
                    + (cycle.size() > 6 ? " -> ..." : "") + "): expected an acyclic graph"));
        }
        var index = new HashMap<Node, Integer>();
        var nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            index.put(nodes.get(i), i);
        }
        lateReads.forEach((node, values) -> {
            if (onCycle.contains(node)) {
                return;
            }
            for (var v : values) {
                var how = node.inputs().contains(v) ? "reads '" : "reads (in a subgraph) '";
                out.add(Problem.error(Locations.node(loc, node, index.get(node)), how + v.name() + "' before "
                        + v.producer() + " produces it: expected nodes in topological order"));
            }
        });
    }
}
