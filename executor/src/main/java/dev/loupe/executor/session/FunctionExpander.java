package dev.loupe.executor.session;

import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.Function;
import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import dev.loupe.model.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// Makes the body of a function call: a copy of the function's body graph in which every attribute that
/// refers to an attribute of the function (`ref_attr_name`) takes the caller's value, or the default when
/// the caller gives none, or is left out when there is neither (as ONNX specifies).
final class FunctionExpander {

    private FunctionExpander() {
    }

    /// The values the function's attribute parameters take for `caller`: the caller's own attributes, then
    /// `defaults` (the function's `attribute_proto`, then the operator schema's defaults).
    static Map<String, Attribute> bindings(Node caller, List<Attribute> defaults) {
        var bound = new LinkedHashMap<String, Attribute>();
        for (var d : defaults) {
            bound.putIfAbsent(d.name(), d);
        }
        bound.putAll(caller.attributes());
        return bound;
    }

    /// A fresh top-level graph (no enclosing scope: a function body sees only its inputs) holding
    /// `function`'s body with `bound` substituted.
    static Graph expand(Function function, Map<String, Attribute> bound) {
        return copy(function.body(), null, bound);
    }

    private static Graph copy(Graph source, Graph parent, Map<String, Attribute> bound) {
        var g = new Graph(parent, source.name());
        for (var in : source.inputs()) {
            var v = g.valueOrCreate(in.name());
            v.setType(in.type());
            g.addInput(v);
        }
        for (var init : source.initializers()) {
            g.setInitializer(g.valueOrCreate(init.name()), init.initializer());
        }
        var created = new ArrayList<Node>();
        for (var n : source.nodes()) {
            var node = g.addNode(n.name(), n.opType(), n.domain());
            node.setOverload(n.overload());
            for (var out : n.outputs()) {
                node.addOutput(out == null || out.name().isEmpty() ? null : g.valueOrCreate(out.name()));
            }
            created.add(node);
        }
        for (int i = 0; i < created.size(); i++) {
            var n = source.nodes().get(i);
            var node = created.get(i);
            for (var in : n.inputs()) {
                node.addInput(in == null || in.name().isEmpty() ? null : lookupOrCreate(g, in));
            }
            for (var a : n.attributes().values()) {
                var resolved = resolve(a, g, bound);
                if (resolved != null) {
                    node.setAttribute(resolved);
                }
            }
        }
        for (var out : source.outputs()) {
            g.addOutput(lookupOrCreate(g, out));
        }
        return g;
    }

    private static Attribute resolve(Attribute a, Graph owner, Map<String, Attribute> bound) {
        if (a.isReference()) {
            var value = bound.get(a.refAttrName());
            return value == null ? null : Attribute.of(a.name(), value.value());
        }
        return switch (a.value()) {
            case AttributeValue.GraphValue(Graph sub) -> Attribute.ofGraph(a.name(), copy(sub, owner, bound));
            case AttributeValue.Graphs(List<Graph> subs) -> Attribute.of(a.name(),
                    new AttributeValue.Graphs(subs.stream().map(s -> copy(s, owner, bound)).toList()));
            default -> a;
        };
    }

    private static Value lookupOrCreate(Graph g, Value original) {
        var v = g.resolve(original.name());
        return v != null ? v : g.valueOrCreate(original.name());
    }
}
