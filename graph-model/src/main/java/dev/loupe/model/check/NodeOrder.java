package dev.loupe.model.check;

import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import dev.loupe.model.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// Orders the nodes of one graph so that every node comes after the nodes of the same graph whose outputs
/// it reads, directly or through its subgraphs (a `Loop` body reading a value of the enclosing graph makes
/// the `Loop` node depend on that value's producer).
///
/// The order is the file order wherever that is already valid, so a topologically sorted graph comes back
/// unchanged. Runs in time linear in the size of the graph and its subgraphs, without recursion over
/// nodes, so graphs of any depth are safe. Stateless and thread-safe.
public final class NodeOrder {

    /// A node order and the dependency cycles found while building it.
    ///
    /// @param order every node of the graph exactly once; nodes on a cycle are placed where the cycle was
    ///              broken
    /// @param cycles each cycle found, as the nodes along it; empty for an acyclic graph
    public record Result(List<Node> order, List<List<Node>> cycles) {
        public Result {
            order = List.copyOf(order);
            cycles = List.copyOf(cycles);
        }

    }

    private NodeOrder() {
    }

    /// The values a node reads: its inputs, then the values of enclosing scopes that its subgraphs read.
    public static List<Value> dependencies(Node node) {
        var out = new ArrayList<Value>(node.inputs().size());
        for (var v : node.inputs()) {
            if (v != null) {
                out.add(v);
            }
        }
        var subgraphs = node.subgraphs();
        if (!subgraphs.isEmpty()) {
            for (var g : subgraphs) {
                out.addAll(outerValues(g));
            }
        }
        return out;
    }

    /// The values that `subgraph` (including its own subgraphs) reads from enclosing scopes, in first-use
    /// order.
    public static Set<Value> outerValues(Graph subgraph) {
        var out = new LinkedHashSet<Value>();
        for (var node : subgraph.nodes()) {
            for (var v : node.inputs()) {
                if (v != null && v.graph() != subgraph) {
                    out.add(v);
                }
            }
            for (var inner : node.subgraphs()) {
                for (var v : outerValues(inner)) {
                    if (v.graph() != subgraph) {
                        out.add(v);
                    }
                }
            }
        }
        for (var v : subgraph.outputs()) {
            if (v != null && v.graph() != subgraph) {
                out.add(v);
            }
        }
        return out;
    }

    /// A dependency-respecting order of `graph`'s own nodes (subgraph nodes are not included).
    public static Result topological(Graph graph) {
        var nodes = graph.nodes();
        var deps = new HashMap<Node, List<Node>>(nodes.size() * 2);
        for (var node : nodes) {
            var producers = new ArrayList<Node>(2);
            for (var v : dependencies(node)) {
                var p = v.producer();
                if (p != null && p.graph() == graph && p != node) {
                    producers.add(p);
                }
            }
            deps.put(node, producers);
        }
        return new Walk(deps).run(nodes);
    }

    /// An iterative depth-first walk that emits each node after its producers.
    private static final class Walk {
        private static final int VISITING = 1;
        private static final int DONE = 2;

        private final Map<Node, List<Node>> deps;
        private final Map<Node, Integer> state = new IdentityHashMap<>();
        private final List<Node> order = new ArrayList<>();
        private final List<List<Node>> cycles = new ArrayList<>();

        Walk(Map<Node, List<Node>> deps) {
            this.deps = deps;
        }

        Result run(List<Node> nodes) {
            for (var start : nodes) {
                if (!state.containsKey(start)) {
                    visit(start);
                }
            }
            return new Result(order, cycles);
        }

        private void visit(Node start) {
            var stack = new ArrayDeque<Frame>();
            stack.push(new Frame(start));
            state.put(start, VISITING);
            while (!stack.isEmpty()) {
                var frame = stack.peek();
                var list = deps.get(frame.node);
                if (frame.next < list.size()) {
                    var dep = list.get(frame.next++);
                    var s = state.get(dep);
                    if (s == null) {
                        state.put(dep, VISITING);
                        stack.push(new Frame(dep));
                    } else if (s == VISITING) {
                        cycles.add(cycleEndingAt(stack, dep));
                    }
                } else {
                    stack.pop();
                    state.put(frame.node, DONE);
                    order.add(frame.node);
                }
            }
        }

        /// The nodes on the stack from `dep` up to the top, in dependency order.
        private static List<Node> cycleEndingAt(ArrayDeque<Frame> stack, Node dep) {
            var cycle = new ArrayList<Node>();
            for (var frame : stack) {
                cycle.add(frame.node);
                if (frame.node == dep) {
                    break;
                }
            }
            return cycle;
        }
    }

    private static final class Frame {
        final Node node;
        int next;

        Frame(Node node) {
            this.node = node;
        }
    }
}
