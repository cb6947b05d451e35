package dev.loupe.executor.session;

import dev.loupe.model.Graph;
import dev.loupe.model.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;

/// When each value of a graph's own scope is last needed, so a run can drop it right after: the step of its
/// last reader (subgraph uses included), or the producing step for a value nothing reads. Graph outputs
/// are never dropped.
final class Lifetimes {

    private final List<List<String>> released;

    private Lifetimes(List<List<String>> released) {
        this.released = released;
    }

    static Lifetimes of(Graph g, List<Node> order) {
        return ofSteps(g, order.stream().map(List::of).toList());
    }

    /// Lifetimes over steps that each run one or more nodes (a fused step): a value is last needed by the
    /// last step with a node that reads it.
    static Lifetimes ofSteps(Graph g, List<List<Node>> steps) {
        var lastUse = new HashMap<String, Integer>();
        for (int i = 0; i < steps.size(); i++) {
            for (var node : steps.get(i)) {
                for (var out : node.outputs()) {
                    if (out != null && !out.name().isEmpty()) {
                        lastUse.putIfAbsent(out.name(), i);
                    }
                }
                for (var v : TopologicalOrder.reads(node)) {
                    if (v.graph() == g && !v.name().isEmpty()) {
                        lastUse.put(v.name(), i);
                    }
                }
            }
        }
        var keep = new HashSet<String>();
        g.outputs().forEach(v -> keep.add(v.name()));
        var released = new ArrayList<List<String>>();
        for (int i = 0; i < steps.size(); i++) {
            released.add(new ArrayList<>());
        }
        lastUse.forEach((name, step) -> {
            if (!keep.contains(name)) {
                released.get(step).add(name);
            }
        });
        return new Lifetimes(released);
    }

    String[] releasedAfter(int step) {
        return released.get(step).toArray(String[]::new);
    }
}
