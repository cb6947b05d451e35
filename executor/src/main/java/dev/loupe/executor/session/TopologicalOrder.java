package dev.loupe.executor.session;

import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import dev.loupe.model.Value;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/// Orders a graph's nodes so that each runs after the nodes producing what it reads, including the values
/// its subgraphs read from this graph. Among nodes that are ready, the one earliest in the file runs first,
/// so a file that is already in order keeps its order.
final class TopologicalOrder {

    private TopologicalOrder() {
    }

    /// @throws SessionException when the graph has a cycle
    static List<Node> of(Graph g) {
        var nodes = g.nodes();
        var index = new IdentityHashMap<Node, Integer>();
        for (int i = 0; i < nodes.size(); i++) {
            index.put(nodes.get(i), i);
        }
        var pending = new int[nodes.size()];
        var dependents = new ArrayList<List<Integer>>();
        for (int i = 0; i < nodes.size(); i++) {
            dependents.add(new ArrayList<>());
        }
        for (int i = 0; i < nodes.size(); i++) {
            var producers = new LinkedHashSet<Integer>();
            for (var v : reads(nodes.get(i))) {
                var p = v.producer();
                if (p != null && p.graph() == g && index.containsKey(p)) {
                    producers.add(index.get(p));
                }
            }
            for (int p : producers) {
                dependents.get(p).add(i);
                pending[i]++;
            }
        }
        var ready = new PriorityQueue<Integer>();
        for (int i = 0; i < nodes.size(); i++) {
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        var order = new ArrayList<Node>(nodes.size());
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(nodes.get(i));
            for (int d : dependents.get(i)) {
                if (--pending[d] == 0) {
                    ready.add(d);
                }
            }
        }
        if (order.size() != nodes.size()) {
            var stuck = nodes.stream().filter(n -> pending[index.get(n)] > 0).findFirst().orElseThrow();
            throw new SessionException("graph '" + g.name() + "' has a cycle through " + NodeExecutionException.where(stuck, FramePath.ROOT));
        }
        return order;
    }

    /// The values `node` reads: its inputs and the values of enclosing scopes its subgraphs use.
    static Set<Value> reads(Node node) {
        var out = new LinkedHashSet<Value>();
        for (var v : node.inputs()) {
            if (v != null) {
                out.add(v);
            }
        }
        for (var sub : node.subgraphs()) {
            collectOuter(sub, sub, out);
        }
        return out;
    }

    private static void collectOuter(Graph g, Graph scope, Set<Value> out) {
        for (var n : g.nodes()) {
            for (var v : n.inputs()) {
                if (v != null && !within(v.graph(), scope)) {
                    out.add(v);
                }
            }
            for (var sub : n.subgraphs()) {
                collectOuter(sub, scope, out);
            }
        }
        for (var v : g.outputs()) {
            if (!within(v.graph(), scope)) {
                out.add(v);
            }
        }
    }

    private static boolean within(Graph g, Graph scope) {
        for (var x = g; x != null; x = x.parent()) {
            if (x == scope) {
                return true;
            }
        }
        return false;
    }
}
