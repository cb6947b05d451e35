package dev.loupe.model.transform;

import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/// Names in the `/module/submodule/Op` style PyTorch exporters write, and fresh names that do not collide
/// with the names already in a graph.
final class Scopes {

    private Scopes() {
    }

    /// The longest `/`-separated scope shared by the `/`-scoped names among `nodes` (e.g. `/enc/layers.0`),
    /// or `""` when they share none.
    static String commonScope(List<Node> nodes) {
        String[] common = null;
        for (var n : nodes) {
            var name = n.name();
            if (name == null || !name.startsWith("/")) {
                continue;
            }
            var parts = name.split("/", -1);
            var scope = Arrays.copyOf(parts, parts.length - 1);
            if (common == null) {
                common = scope;
            } else {
                int k = 0;
                while (k < common.length && k < scope.length && common[k].equals(scope[k])) {
                    k++;
                }
                common = Arrays.copyOf(common, k);
            }
        }
        return common == null || common.length < 2 ? "" : String.join("/", common);
    }

    /// `name` without the leading `scope/`, or `name` itself when it is not in that scope.
    static String strip(String scope, String name) {
        return !scope.isEmpty() && name != null && name.startsWith(scope + "/") ? name.substring(scope.length() + 1) : name;
    }

    /// `name` inside `scope`: `scope/name`, or `scope + name` when `name` already starts with a slash.
    static String join(String scope, String name) {
        if (scope == null || scope.isEmpty()) {
            return name;
        }
        return name.startsWith("/") ? scope + name : scope + "/" + name;
    }

    /// `wanted` if no name in `taken` equals it, else `wanted_1`, `wanted_2`...; the result is added to `taken`.
    static String fresh(String wanted, Set<String> taken) {
        var name = wanted;
        for (int k = 1; taken.contains(name); k++) {
            name = wanted + "_" + k;
        }
        taken.add(name);
        return name;
    }

    /// The names of `graph`'s nodes.
    static Set<String> nodeNames(Graph graph) {
        var out = new HashSet<String>();
        graph.nodes().forEach(n -> out.add(n.name()));
        return out;
    }

    /// The value names a new value of `graph` must not take: those of its own scope that are in use and all
    /// names defined in its subgraphs (reusing one there would shadow or be shadowed). A value that is
    /// left over in the scope, unused and undefined (after a node was deleted), does not block its name.
    static Set<String> valueNames(Graph graph) {
        var out = new HashSet<String>();
        var infos = NodeSelection.identitySet(graph.valueInfos());
        for (var v : graph.values()) {
            if (v.isDefined() || !v.consumers().isEmpty() || v.isGraphOutput() || infos.contains(v)) {
                out.add(v.name());
            }
        }
        for (var g = graph.parent(); g != null; g = g.parent()) {
            g.values().forEach(v -> out.add(v.name()));
        }
        for (var n : graph.nodes()) {
            n.subgraphs().forEach(sub -> subgraphNames(sub, out));
        }
        return out;
    }

    private static void subgraphNames(Graph graph, Set<String> out) {
        graph.values().forEach(v -> out.add(v.name()));
        for (var n : graph.nodes()) {
            n.subgraphs().forEach(sub -> subgraphNames(sub, out));
        }
    }
}
