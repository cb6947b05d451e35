package dev.loupe.model.transform;

import dev.loupe.model.Function;
import dev.loupe.model.Node;
import dev.loupe.model.Value;
import dev.loupe.model.check.NodeOrder;
import java.util.List;

/// Replaces a convex node set by one call node. Runs inside a [SnapshotEdit]'s change.
final class Calls {

    private Calls() {
    }

    /// Takes `selection`'s nodes out and puts a call of `fn`, reading `inputs` and writing `outputs`, where the
    /// last of them was; re-sorts the graph when a node reading an output came before that place.
    static Node replace(NodeSelection selection, Function fn, String name, List<Value> inputs, List<Value> outputs) {
        var graph = selection.graph();
        int last = selection.nodes().stream().mapToInt(graph.nodes()::indexOf).max().orElseThrow();
        int at = last - (selection.nodes().size() - 1);
        var internal = NodeSelection.identitySet(List.<Value>of());
        for (var n : selection.nodes()) {
            n.outputs().stream().filter(v -> v != null && !outputs.contains(v)).forEach(internal::add);
            graph.detachNode(n);
        }
        var call = graph.insertNode(at, name, fn.name(), fn.domain());
        inputs.forEach(call::addInput);
        outputs.forEach(call::addOutput);
        for (var v : List.copyOf(graph.valueInfos())) {
            if (internal.contains(v)) {
                graph.removeValueInfo(v);
            }
        }
        var sorted = NodeOrder.topological(graph).order();
        if (!sorted.equals(graph.nodes())) {
            graph.reorderNodes(sorted);
        }
        return call;
    }
}
