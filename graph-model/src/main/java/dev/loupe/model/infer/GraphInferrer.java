package dev.loupe.model.infer;

import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.Function;
import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import dev.loupe.model.TensorData;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;
import dev.loupe.model.check.Locations;
import dev.loupe.model.check.NodeOrder;
import dev.loupe.model.schema.FunctionBody;
import dev.loupe.model.schema.OpSchema;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/// Infers the types of one graph and its subgraphs, or of one call of a function body: walks the nodes in
/// dependency order and records, per value, the inferred type and the known values of small integer
/// tensors. Results stay here until [InferenceSession] writes them to the model.
final class GraphInferrer {

    /// Function calls nested deeper than this are left unknown (guards against recursive functions).
    private static final int MAX_CALL_DEPTH = 16;

    private final InferenceSession session;
    private final Map<String, Long> imports;
    /// Resolves a reference to a calling function's attribute by name; yields `null` outside functions.
    private final java.util.function.Function<String, Attribute> references;
    private final int depth;
    /// Whether problems found here are shown (not inside the bodies of standard function operators).
    private final boolean reporting;
    final Map<Value, TypeInfo> types = new HashMap<>();
    private final Map<Value, SymbolicInts> data = new HashMap<>();
    private final Map<Graph, String> locations = new IdentityHashMap<>();
    private final Map<Graph, Map<Node, Integer>> positions = new IdentityHashMap<>();

    GraphInferrer(InferenceSession session, Map<String, Long> imports,
                  java.util.function.Function<String, Attribute> references, int depth, boolean reporting) {
        this.session = session;
        this.imports = imports;
        this.references = references;
        this.depth = depth;
        this.reporting = reporting;
    }

    /// Infers `graph` (whose inputs' types are already set, where known) and its subgraphs.
    void walk(Graph graph, String location) {
        locations.put(graph, location);
        for (var v : graph.initializers()) {
            if (v.type() == null || !graph.inputs().contains(v)) {
                var t = v.initializer();
                types.put(v, new TypeInfo.TensorType(t.elementType(), t.shape()));
            }
        }
        for (var node : NodeOrder.topological(graph).order()) {
            inferNode(node);
        }
    }

    private void inferNode(Node node) {
        var local = session.localFunction(node);
        var domain = node.canonicalDomain();
        var version = imports.get(domain);
        var schema = local != null || version == null ? null
                : session.schemas().find(domain, node.opType(), version).orElse(null);
        var ctx = new NodeContext(this, node, version == null ? 0 : version);
        try {
            if (local != null) {
                call(ctx, local, null, true);
            } else {
                var rule = session.rules().find(domain, node.opType());
                if (rule != null) {
                    rule.apply(ctx);
                } else if (schema != null && schema.functionBody() instanceof FunctionBody.Stored stored) {
                    call(ctx, session.body(schema, stored), schema, false);
                }
            }
        } catch (RuntimeException e) {
            warn(node, "output types could not be inferred (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        if (schema != null) {
            SchemaTypes.complete(ctx, schema);
        }
        commit(ctx);
    }

    private void commit(NodeContext ctx) {
        var node = ctx.node();
        for (int i = 0; i < ctx.outputCount(); i++) {
            var v = node.output(i);
            if (v == null) {
                continue;
            }
            var t = ctx.output(i);
            if (t != null && !(t instanceof TypeInfo.TensorType tt && tt.elementType() == dev.loupe.model.ElementType.UNDEFINED
                    && tt.shape() == null)) {
                types.put(v, t);
                var why = v.type() == null ? null : Types.contradiction(t, v.type());
                if (why != null) {
                    warn(node, "output '" + v.name() + "' is declared " + v.type() + " but inferred " + t + " (" + why + " differs)");
                }
            }
            var d = ctx.outputData(i);
            if (d != null) {
                data.put(v, d);
            }
        }
    }

    /// Infers one call of a function body for `ctx`'s node and sets the node's outputs from the body's.
    private void call(NodeContext ctx, Function fn, OpSchema schema, boolean modelLocal) {
        if (depth >= MAX_CALL_DEPTH) {
            return;
        }
        var node = ctx.node();
        var calleeImports = fn.opsetImports().isEmpty() ? imports : InferenceSession.importMap(fn.opsetImports());
        java.util.function.Function<String, Attribute> refs = name -> {
            var a = ctx.attr(name);
            if (a != null) {
                return a;
            }
            for (var d : fn.attributeDefaults()) {
                if (d.name().equals(name)) {
                    return d;
                }
            }
            return schema == null ? null : schema.attribute(name).map(s -> s.defaultValue()).orElse(null);
        };
        var inner = new GraphInferrer(session, calleeImports, refs, depth + 1, modelLocal && reporting);
        var body = fn.body();
        for (int i = 0; i < body.inputs().size(); i++) {
            var v = node.input(i);
            if (v != null) {
                var t = typeOf(v);
                if (t != null) {
                    inner.types.put(body.inputs().get(i), t);
                }
                var d = data(v);
                if (d != null) {
                    inner.data.put(body.inputs().get(i), d);
                }
            }
        }
        inner.walk(body, Locations.function(fn));
        for (int i = 0; i < Math.min(body.outputs().size(), ctx.outputCount()); i++) {
            var out = body.outputs().get(i);
            ctx.set(i, inner.typeOf(out));
            ctx.setData(i, inner.data.get(out));
        }
        if (modelLocal) {
            session.recordFunctionTypes(inner.types);
        }
    }

    /// Infers a subgraph of `owner` whose inputs have the given types and returns its outputs' types.
    List<TypeInfo> inferSubgraph(Node owner, String attribute, Graph graph, List<TypeInfo> inputTypes) {
        var inputs = graph.inputs();
        for (int i = 0; i < inputs.size() && i < inputTypes.size(); i++) {
            if (inputTypes.get(i) != null) {
                types.put(inputs.get(i), inputTypes.get(i));
            }
        }
        walk(graph, Locations.attribute(nodeLocation(owner), attribute));
        return graph.outputs().stream().map(this::typeOf).toList();
    }

    /// The best type known for `v`: the inferred one refined by the declared one.
    TypeInfo typeOf(Value v) {
        return Types.refine(types.get(v), v.type());
    }

    /// The known values of a small integer value: propagated, or read from a constant.
    SymbolicInts data(Value v) {
        var d = data.get(v);
        if (d == null) {
            var t = constant(v);
            if (t != null && t.rank() <= 1) {
                var longs = Constants.longs(t);
                if (longs != null) {
                    d = SymbolicInts.of(longs, t.rank() == 0);
                    data.put(v, d);
                }
            }
        }
        return d;
    }

    /// The constant tensor `v` holds: a non-overridable initializer or a `Constant` node's value.
    TensorData constant(Value v) {
        var init = v.initializer();
        if (init != null) {
            return session.initializersAreConstant() || !v.graph().inputs().contains(v) ? init : null;
        }
        var p = v.producer();
        if (p != null && "Constant".equals(p.opType()) && p.canonicalDomain().isEmpty()) {
            var a = p.attributes().get("value");
            if (a != null && a.isReference()) {
                a = resolveReference(a);
            }
            return a != null && a.value() instanceof AttributeValue.TensorValue(TensorData t) ? t : null;
        }
        return null;
    }

    Attribute resolveReference(Attribute a) {
        return references.apply(a.refAttrName());
    }

    void warn(Node node, String message) {
        if (reporting) {
            session.warn(nodeLocation(node), message);
        }
    }

    private String nodeLocation(Node node) {
        var graph = node.graph();
        var index = positions.computeIfAbsent(graph, g -> {
            var map = new IdentityHashMap<Node, Integer>();
            for (int i = 0; i < g.nodes().size(); i++) {
                map.put(g.nodes().get(i), i);
            }
            return map;
        }).getOrDefault(node, -1);
        return Locations.node(locations.getOrDefault(graph, Locations.graph(graph)), node, index);
    }
}
