package dev.loupe.executor.session;

import dev.loupe.model.Graph;

import java.util.IdentityHashMap;
import java.util.Map;

/// Every graph a session may run, compiled: the main graph, each subgraph held by a node attribute and each
/// expanded function body, looked up by identity. Immutable once built.
record ExecutionPlan(CompiledGraph main, Map<Graph, CompiledGraph> graphs) {

    ExecutionPlan {
        graphs = new IdentityHashMap<>(graphs);
    }

    CompiledGraph compiled(Graph g) {
        var c = graphs.get(g);
        if (c == null) {
            throw new IllegalStateException("graph '" + g.name() + "' was not compiled with the session; a kernel may only run its own node's subgraphs");
        }
        return c;
    }
}
