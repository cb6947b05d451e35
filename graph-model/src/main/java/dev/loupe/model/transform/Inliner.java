package dev.loupe.model.transform;

import dev.loupe.model.Attribute;
import dev.loupe.model.Function;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.OpsetId;
import dev.loupe.model.Value;
import dev.loupe.model.edit.EditException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/// Expands function calls into the nodes of the function's body.
///
/// Formal inputs become the call's input values and formal outputs the call's output values; every other
/// body value gets a fresh name in the caller's graph, `CALL/NAME` where `CALL` is the call node's name (the
/// function's name for an unnamed call) and `NAME` the body's, with `_1`, `_2`... added on a clash. Body
/// nodes are named the same way. Attributes that refer to a function attribute (`ref_attr_name`) take the
/// call's value, else the function's default, else are left out, as ONNX specifies.
final class Inliner {

    private final Model model;
    private final Map<Graph, Set<String>> valueNames = new IdentityHashMap<>();
    private final Map<Graph, Set<String>> nodeNames = new IdentityHashMap<>();

    Inliner(Model model) {
        this.model = model;
    }

    /// Refuses a function whose body imports an operator set at another version than the model, since its
    /// operators would change meaning once inlined.
    static void checkImports(Model model, Function fn) throws EditException {
        for (var o : fn.opsetImports()) {
            var modelVersion = model.opsetVersion(o.domain());
            if (modelVersion.isPresent() && modelVersion.get() != o.version()) {
                throw new EditException("cannot inline " + fn + ": it imports " + display(o.domain()) + " version "
                        + o.version() + " but the model imports version " + modelVersion.get());
            }
        }
    }

    /// Replaces `call` (a call of `fn`) by a copy of `fn`'s body; returns the nodes it inserted.
    List<Node> inline(Node call, Function fn) {
        addMissingImports(fn);
        var graph = call.graph();
        var values = valueNames.computeIfAbsent(graph, Scopes::valueNames);
        var nodes = nodeNames.computeIfAbsent(graph, Scopes::nodeNames);
        var scope = call.name() != null && !call.name().isEmpty() ? call.name() : fn.name();
        var body = fn.body();
        var bound = new IdentityHashMap<Value, Value>();
        var omitted = NodeSelection.identitySet(List.<Value>of());
        for (int i = 0; i < body.inputs().size(); i++) {
            var actual = call.input(i);
            if (actual == null) {
                omitted.add(body.inputs().get(i));
            } else {
                bound.put(body.inputs().get(i), actual);
            }
        }
        var outputs = new ArrayList<Value>();
        for (int j = 0; j < body.outputs().size(); j++) {
            outputs.add(call.output(j));
        }
        int at = graph.detachNode(call);
        for (int j = 0; j < body.outputs().size(); j++) {
            var formal = body.outputs().get(j);
            if (outputs.get(j) != null && formal.producer() != null && !bound.containsKey(formal) && !omitted.contains(formal)) {
                bound.put(formal, outputs.get(j));
            }
        }
        UnaryOperator<Value> map = v -> omitted.contains(v) ? null : bound.computeIfAbsent(v,
                b -> graph.valueOrCreate(Scopes.fresh(Scopes.join(scope, b.name()), values)));
        var copier = new GraphCopier(map, a -> bind(a, call, fn));
        var inserted = new ArrayList<Node>();
        for (var n : body.nodes()) {
            var name = n.name() == null ? null : Scopes.fresh(Scopes.join(scope, n.name()), nodes);
            inserted.add(copier.copyNode(n, graph, at + inserted.size(), name));
        }
        for (int j = 0; j < body.outputs().size(); j++) {
            var formal = body.outputs().get(j);
            if (outputs.get(j) != null && (formal.producer() == null || bound.get(formal) != outputs.get(j))) {
                inserted.add(passThrough(graph, at + inserted.size(), map.apply(formal), outputs.get(j), scope, nodes));
            }
        }
        return inserted;
    }

    /// An `Identity` node for a formal output that is not computed by a body node of its own (it is a
    /// formal input, or returned twice).
    private static Node passThrough(Graph graph, int at, Value from, Value to, String scope, Set<String> nodes) {
        var identity = graph.insertNode(at, Scopes.fresh(Scopes.join(scope, "Identity"), nodes), "Identity", "");
        identity.addInput(from);
        identity.addOutput(to);
        return identity;
    }

    private static Attribute bind(Attribute a, Node call, Function fn) {
        if (!a.isReference()) {
            return a;
        }
        var given = call.attribute(a.refAttrName())
                .or(() -> fn.attributeDefaults().stream().filter(d -> d.name().equals(a.refAttrName())).findFirst());
        return given.map(g -> new Attribute(a.name(), g.value(), g.refAttrName(), a.docString(), g.value().type(), a.extras()))
                .orElse(null);
    }

    private void addMissingImports(Function fn) {
        for (var o : fn.opsetImports()) {
            if (model.opsetVersion(o.domain()).isEmpty()) {
                model.opsetImports().add(o);
            }
        }
    }

    /// Removes `fn` from the model when nothing calls it any more, and the import of its domain when no
    /// node and no other function uses that domain.
    static void removeIfUnused(Model model, Function fn) {
        if (!callsOf(model, fn).isEmpty()) {
            return;
        }
        model.functions().remove(fn);
        var domain = OpsetId.canonicalDomain(fn.domain());
        boolean used = model.functions().stream().anyMatch(f -> OpsetId.canonicalDomain(f.domain()).equals(domain))
                || usesDomain(model, domain);
        if (!used) {
            model.opsetImports().removeIf(o -> OpsetId.canonicalDomain(o.domain()).equals(domain));
        }
    }

    static boolean usesDomain(Model model, String domain) {
        var graphs = new ArrayList<Graph>();
        Cleanup.allGraphs(model.graph(), graphs);
        model.functions().forEach(f -> Cleanup.allGraphs(f.body(), graphs));
        return graphs.stream().flatMap(g -> g.nodes().stream()).anyMatch(n -> n.canonicalDomain().equals(domain));
    }

    /// Every node calling `fn`: in the main graph, its subgraphs and other functions' bodies.
    static List<Node> callsOf(Model model, Function fn) {
        var graphs = new ArrayList<Graph>();
        Cleanup.allGraphs(model.graph(), graphs);
        model.functions().stream().filter(f -> f != fn).forEach(f -> Cleanup.allGraphs(f.body(), graphs));
        return graphs.stream().flatMap(g -> g.nodes().stream()).filter(fn::isCalledBy).toList();
    }

    /// The calls of local functions in the main graph and its subgraphs.
    static List<Node> callsInMainGraph(Model model) {
        var graphs = new ArrayList<Graph>();
        Cleanup.allGraphs(model.graph(), graphs);
        return graphs.stream().flatMap(g -> g.nodes().stream()).filter(n -> model.functionFor(n).isPresent()).toList();
    }

    /// Refuses when some function calls itself, directly or through others (inlining would not end).
    static void checkNotRecursive(Model model) throws EditException {
        var calls = new HashMap<Function, List<Function>>();
        for (var f : model.functions()) {
            var graphs = new ArrayList<Graph>();
            Cleanup.allGraphs(f.body(), graphs);
            calls.put(f, graphs.stream().flatMap(g -> g.nodes().stream())
                    .flatMap(n -> model.functionFor(n).stream()).distinct().toList());
        }
        for (var f : model.functions()) {
            var seen = NodeSelection.identitySet(List.<Function>of());
            var stack = new ArrayList<>(calls.get(f));
            while (!stack.isEmpty()) {
                var g = stack.removeLast();
                if (g == f) {
                    throw new EditException(f + " calls itself (directly or through other functions): it cannot be inlined away");
                }
                if (seen.add(g)) {
                    stack.addAll(calls.getOrDefault(g, List.of()));
                }
            }
        }
    }

    private static String display(String domain) {
        var d = OpsetId.canonicalDomain(domain);
        return d.isEmpty() ? "ai.onnx" : d;
    }
}
