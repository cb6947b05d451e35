package dev.loupe.app.debug;

import dev.loupe.app.main.DiagramViewModel;
import dev.loupe.app.main.DiagramViewModel.Subgraph;
import dev.loupe.executor.session.FramePath;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/// Maps the nodes a run executes back to the model the viewer draws. Nodes of the main graph and of
/// `If`/`Loop`/`Scan` bodies are the model's own; nodes of function bodies are copies the executor made
/// per call, which match the function body's nodes by position. FX thread only (it caches).
public final class FrameMapper {

    private final Model model;
    private final Map<Graph, Map<Node, Integer>> positions = new IdentityHashMap<>();

    public FrameMapper(Model model) {
        this.model = model;
    }

    /// Where `executed`, run in `frame`, sits in the model; `null` when it cannot be placed (a body the
    /// viewer does not show, such as the function body of a standard operator). A node that cannot be
    /// placed inside a body is reported as its nearest caller that can.
    public DebugLocation locate(Node executed, FramePath frame) {
        var graph = model.graph();
        if (frame.isRoot()) {
            int index = position(graph, executed);
            return index < 0 ? null : new DebugLocation(List.of(), executed, index);
        }
        var bodies = new ArrayList<DiagramViewModel.BodyStep>();
        var entries = frame.entries();
        for (int i = 0; i < entries.size(); i++) {
            var caller = entries.get(i).caller();
            int callerIndex = position(caller.graph(), caller);
            if (callerIndex < 0 || callerIndex >= graph.nodes().size()) {
                return null;
            }
            var original = graph.nodes().get(callerIndex);
            var inner = i + 1 < entries.size() ? entries.get(i + 1).caller().graph() : executed.graph();
            var body = bodyOf(caller, original, inner);
            if (body == null) {
                return new DebugLocation(bodies, original, callerIndex);
            }
            bodies.add(new DiagramViewModel.BodyStep(original, body));
            graph = body.graph();
        }
        int index = position(executed.graph(), executed);
        if (index < 0 || index >= graph.nodes().size()) {
            return null;
        }
        return new DebugLocation(bodies, graph.nodes().get(index), index);
    }

    /// The body of `original` (the model's node standing for `caller`) that corresponds to `inner`, the
    /// graph the executor ran: the subgraph attribute holding it, else the model-local function called.
    private Subgraph bodyOf(Node caller, Node original, Graph inner) {
        var running = DiagramViewModel.subgraphsOf(caller);
        var shown = DiagramViewModel.subgraphsOf(original);
        for (int k = 0; k < running.size() && k < shown.size(); k++) {
            if (running.get(k).graph() == inner) {
                return shown.get(k);
            }
        }
        return model.functionFor(original).map(f -> new Subgraph(f.name(), f.body())).orElse(null);
    }

    /// The position of `node` in `graph`'s node list (by identity), or -1. Graphs of the model are indexed
    /// once; the executor's per-call copies are searched.
    private int position(Graph graph, Node node) {
        if (graph == null) {
            return -1;
        }
        if (!isModelGraph(graph)) {
            var nodes = graph.nodes();
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i) == node) {
                    return i;
                }
            }
            return -1;
        }
        var map = positions.computeIfAbsent(graph, g -> {
            var m = new IdentityHashMap<Node, Integer>();
            for (int i = 0; i < g.nodes().size(); i++) {
                m.put(g.nodes().get(i), i);
            }
            return m;
        });
        return map.getOrDefault(node, -1);
    }

    private boolean isModelGraph(Graph graph) {
        var root = rootOf(graph);
        return root == model.graph() || model.functions().stream().anyMatch(f -> f.body() == root);
    }

    private static Graph rootOf(Graph g) {
        while (g.parent() != null) {
            g = g.parent();
        }
        return g;
    }

    /// Whether `node` belongs to a function body rather than to the main graph or one of its subgraphs.
    boolean inFunctionBody(Node node) {
        return node.graph() != null && rootOf(node.graph()) != model.graph();
    }
}
