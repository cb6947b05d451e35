package dev.loupe.model.transform;

import dev.loupe.model.Function;
import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import dev.loupe.model.OpsetId;
import dev.loupe.model.Value;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/// Builds the body of a model-local function from a [NodeSelection], without touching the model.
///
/// The body's formal inputs are the selection's inputs and its formal outputs the selection's outputs, in
/// the same order. Body nodes are copies of the selected nodes, attributes included (constant attributes
/// stay in the body; the function has no attribute parameters). Names lose the selection's common scope:
/// in a selection of `/enc/layers.0/...` nodes, `/enc/layers.0/norm1/LayerNormalization` becomes
/// `norm1/LayerNormalization` in the body, so that inlining a call named `/enc/layers.1` gives back the
/// names of that layer. Other names are kept.
final class FunctionBuilder {

    private FunctionBuilder() {
    }

    static Function build(NodeSelection selection, String name, String domain, List<OpsetId> imports) {
        var scope = Scopes.commonScope(selection.nodes());
        var names = bodyNames(selection, scope);
        var body = new Graph(null, name);
        UnaryOperator<Value> map = v -> body.valueOrCreate(names.get(v));
        selection.inputs().forEach(v -> body.addInput(map.apply(v)));
        var copier = new GraphCopier(map, UnaryOperator.identity());
        for (var n : selection.nodes()) {
            copier.copyNode(n, body, n.name() == null ? null : Scopes.strip(scope, n.name()));
        }
        selection.outputs().forEach(v -> body.addOutput(map.apply(v)));
        var fn = new Function(name, domain, body);
        fn.setOpsetImports(imports);
        return fn;
    }

    /// Body names for every value the selection touches: scope-stripped when that keeps them distinct.
    private static Map<Value, String> bodyNames(NodeSelection selection, String scope) {
        var values = new IdentityHashMap<Value, String>();
        selection.inputs().forEach(v -> values.put(v, v.name()));
        for (Node n : selection.nodes()) {
            n.outputs().stream().filter(v -> v != null).forEach(v -> values.put(v, v.name()));
        }
        var stripped = new HashMap<Value, String>();
        var seen = new HashSet<String>();
        for (var e : values.entrySet()) {
            var s = Scopes.strip(scope, e.getValue());
            if (!seen.add(s)) {
                return values;
            }
            stripped.put(e.getKey(), s);
        }
        return stripped;
    }
}
