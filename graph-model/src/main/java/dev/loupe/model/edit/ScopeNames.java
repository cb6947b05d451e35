package dev.loupe.model.edit;

import dev.loupe.model.Graph;
import dev.loupe.model.Value;
import java.util.ArrayList;
import java.util.List;

/// Fresh names for the nodes and values an edit creates, and the moving aside of created values on undo.
///
/// A value stays in its graph's scope after the node that defined it is taken out. An edit that created it
/// moves it to a hidden name on undo, so that an earlier edit, undone next, can take that name back (a
/// rename, say), and gives it its own name again on redo.
final class ScopeNames {

    private ScopeNames() {
    }

    /// Whether a new value of `graph` may not be called `name`: a value of that name exists in its scope,
    /// an enclosing scope or a subgraph below it.
    static boolean valueTaken(Graph graph, String name) {
        return graph.resolve(name) != null || ValueEdits.nameTaken(graph, name);
    }

    /// `wanted`, or `wanted_1`, `wanted_2`... whichever is the first free value name of `graph`.
    static String freshValue(Graph graph, String wanted) {
        var name = wanted;
        for (int k = 1; valueTaken(graph, name); k++) {
            name = wanted + "_" + k;
        }
        return name;
    }

    /// `wanted`, or `wanted_1`, `wanted_2`... whichever no node of `graph` is called.
    static String freshNode(Graph graph, String wanted) {
        var name = wanted;
        for (int k = 1; nodeNamed(graph, name); k++) {
            name = wanted + "_" + k;
        }
        return name;
    }

    private static boolean nodeNamed(Graph graph, String name) {
        return graph.nodes().stream().anyMatch(n -> name.equals(n.name()));
    }

    /// Values an edit created in `graph`, to hide on undo and name again on redo.
    static final class Created {

        private final Graph graph;
        private final List<Value> values = new ArrayList<>();
        private final List<String> names = new ArrayList<>();

        Created(Graph graph) {
            this.graph = graph;
        }

        /// The value named `name` in the scope; recorded when it is created now, not when it existed (an
        /// undefined name that nodes already read, say).
        Value create(String name) {
            var existing = graph.value(name);
            if (existing != null) {
                return existing;
            }
            var v = graph.valueOrCreate(name);
            values.add(v);
            names.add(name);
            return v;
        }

        void hide() {
            for (var v : values) {
                var hidden = v.name();
                for (int k = 1; graph.value(hidden) != null; k++) {
                    hidden = v.name() + " (undone " + k + ")";
                }
                graph.renameValue(v, hidden);
            }
        }

        void restore() {
            for (int i = 0; i < values.size(); i++) {
                if (!values.get(i).name().equals(names.get(i))) {
                    graph.renameValue(values.get(i), names.get(i));
                }
            }
        }
    }
}
