package dev.loupe.model.transform;

import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import dev.loupe.model.Value;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/// Copies nodes, with their subgraphs, from one graph into another.
///
/// The caller says where the copied node's values go: `values` maps each value the node reads or writes in
/// the source scope (and every value its subgraphs read from enclosing scopes) to a value of the target
/// graph's scope. Values defined inside a copied subgraph are copied with it, keeping their names, types and
/// annotations. `attributes` rewrites each attribute of the copied node and of the nodes of its subgraphs
/// (binding function attribute references, for example); returning `null` drops the attribute.
///
/// One copier may copy many nodes; it is not thread-safe and does not modify the source.
public final class GraphCopier {

    private final UnaryOperator<Value> values;
    private final UnaryOperator<Attribute> attributes;
    private final Map<Value, Value> local = new IdentityHashMap<>();

    /// @param values     maps a source value read or written by a copied node to its target-scope value
    /// @param attributes rewrites a copied attribute; `UnaryOperator.identity()` copies them as they are
    public GraphCopier(UnaryOperator<Value> values, UnaryOperator<Attribute> attributes) {
        this.values = values;
        this.attributes = attributes;
    }

    /// A copy of `source` appended to `target`, named `name`.
    public Node copyNode(Node source, Graph target, String name) {
        return copyNode(source, target, target.nodes().size(), name);
    }

    /// A copy of `source` inserted at `index` of `target`'s nodes, named `name`.
    public Node copyNode(Node source, Graph target, int index, String name) {
        var copy = target.insertNode(index, name, source.opType(), source.domain());
        for (var out : source.outputs()) {
            copy.addOutput(out == null ? null : map(out));
        }
        for (var in : source.inputs()) {
            copy.addInput(in == null ? null : map(in));
        }
        for (var a : source.attributes().values()) {
            var rewritten = attributes.apply(copyGraphs(a, target));
            if (rewritten != null) {
                copy.setAttribute(rewritten);
            }
        }
        copy.setOverload(source.overload());
        copy.setDocString(source.docString());
        copy.setMetadataProps(source.metadataProps());
        copy.setExtras(source.extras());
        return copy;
    }

    /// Copies the declared type and annotations of `from` onto `to`.
    public static void copyValueInfo(Value from, Value to) {
        to.setType(from.type());
        to.setDocString(from.docString());
        to.setMetadataProps(from.metadataProps());
        to.setExtras(from.extras());
    }

    private Value map(Value v) {
        var mine = local.get(v);
        return mine != null ? mine : values.apply(v);
    }

    private Attribute copyGraphs(Attribute a, Graph parent) {
        var value = switch (a.value()) {
            case AttributeValue.GraphValue(Graph g) -> new AttributeValue.GraphValue(copyGraph(g, parent));
            case AttributeValue.Graphs(var gs) -> {
                var copies = new ArrayList<Graph>(gs.size());
                gs.forEach(g -> copies.add(copyGraph(g, parent)));
                yield new AttributeValue.Graphs(copies);
            }
            default -> null;
        };
        return value == null ? a : new Attribute(a.name(), value, a.refAttrName(), a.docString(), a.declaredType(), a.extras());
    }

    private Graph copyGraph(Graph source, Graph parent) {
        var g = new Graph(parent, source.name());
        g.setDocString(source.docString());
        for (var v : source.values()) {
            var copy = g.valueOrCreate(v.name());
            copyValueInfo(v, copy);
            local.put(v, copy);
        }
        source.inputs().forEach(v -> g.addInput(map(v)));
        for (var v : source.initializers()) {
            g.setInitializer(map(v), v.initializer());
        }
        source.sparseInitializers().forEach(g::addSparseInitializer);
        for (var n : source.nodes()) {
            copyNode(n, g, n.name());
        }
        source.outputs().forEach(v -> g.addOutput(map(v)));
        source.valueInfos().forEach(v -> g.addValueInfo(map(v)));
        g.setQuantizationAnnotations(source.quantizationAnnotations());
        g.setMetadataProps(source.metadataProps());
        g.setExtras(source.extras());
        return g;
    }
}
