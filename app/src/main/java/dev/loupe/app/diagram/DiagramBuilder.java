package dev.loupe.app.diagram;

import dev.loupe.model.AttributeValue;
import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import dev.loupe.model.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// Builds [Diagram]s of one graph for any grouping state.
///
/// Initializers and `Constant` nodes are not boxes: they appear as lines (name and shape, or the values of a
/// small tensor) inside each node that reads them, as Netron draws them. Values a subgraph reads from an
/// enclosing graph become [DiagramNode.Kind#OUTER] boxes.
///
/// A call of a model-local function that the grouping state expands is replaced by the operators of the
/// function's body (boxes keyed `c:<call>/<body node>`, drawn by a builder of the body graph, so constants
/// fold there too), listed where the call's box would be and described by a [CallFrame]. Edges are wired
/// through the call: an edge into a body node that reads formal input `k` comes from the box producing the
/// call's actual input `k`, and the consumers of the call's output `k` read from the body box producing
/// formal output `k`. The body boxes are display only ([DiagramNode#inCall()]); the model is not changed.
///
/// The boxes of operators and groups are computed once and reused across states. Not thread-safe: use one
/// builder from one thread at a time.
public final class DiagramBuilder {

    /// Attributes shown first in a box, when present.
    private static final List<String> KEY_ATTRIBUTES = List.of("kernel_shape", "strides", "pads", "dilations", "group",
            "axis", "axes", "perm", "to", "epsilon", "alpha", "beta", "mode", "transA", "transB", "keepdims");
    private static final int MAX_ATTRIBUTE_LINES = 3;
    private static final int MAX_LINE_CHARS = 34;

    private final Graph graph;
    private final OpCatalog catalog;
    private final List<Node> nodes;
    private final Map<Node, Integer> indexOf = new IdentityHashMap<>();
    private final boolean[] folded;
    private final DiagramNode[] operatorItems;
    private final Map<Scope, DiagramNode> groupItems = new HashMap<>();
    private final Map<Graph, DiagramBuilder> bodyBuilders = new IdentityHashMap<>();
    private final ScopeTree scopes;

    public DiagramBuilder(Graph graph, OpCatalog catalog) {
        this.graph = graph;
        this.catalog = catalog;
        this.nodes = graph.nodes();
        this.folded = new boolean[nodes.size()];
        this.operatorItems = new DiagramNode[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            indexOf.put(nodes.get(i), i);
            folded[i] = isFoldedConstant(nodes.get(i));
        }
        this.scopes = new ScopeTree(nodes.size(), i -> folded[i] ? null : nameOrEmpty(nodes.get(i)));
    }

    public Graph graph() {
        return graph;
    }

    public OpCatalog catalog() {
        return catalog;
    }

    public ScopeTree scopes() {
        return scopes;
    }

    /// The index of `node` in the graph's node list, or -1.
    public int indexOf(Node node) {
        return indexOf.getOrDefault(node, -1);
    }

    /// Whether node `index` is drawn inside its consumers instead of as a box.
    public boolean isFolded(int index) {
        return folded[index];
    }

    /// The diagram of the graph with the groups of `grouping` collapsed.
    public Diagram build(GroupingState grouping) {
        var items = new ArrayList<DiagramNode>();
        var itemOfNode = new int[nodes.size()];
        var sourceOfValue = new HashMap<Value, Integer>();
        var groupIndex = new HashMap<Scope, Integer>();
        var calls = new ArrayList<ExpandedCall>();

        for (var v : graph.inputs()) {
            if (!v.isInitializer()) {
                sourceOfValue.put(v, items.size());
                items.add(valueItem("i:", DiagramNode.Kind.INPUT, "input", v));
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (folded[i]) {
                itemOfNode[i] = -1;
                continue;
            }
            var rep = grouping.representative(i);
            var call = rep == null && grouping.isCallExpanded(i) ? expandedCall(i, items) : null;
            if (call != null) {
                itemOfNode[i] = -1;
                calls.add(call);
                continue;
            } else if (rep == null) {
                itemOfNode[i] = items.size();
                items.add(operatorItem(i));
            } else {
                Integer g = groupIndex.get(rep);
                if (g == null) {
                    g = items.size();
                    groupIndex.put(rep, g);
                    items.add(groupItem(rep));
                }
                itemOfNode[i] = g;
            }
            for (var out : nodes.get(i).outputs()) {
                if (out != null) {
                    sourceOfValue.put(out, itemOfNode[i]);
                }
            }
        }

        for (var call : calls) {
            var outs = call.caller().outputs();
            var formals = call.body().graph.outputs();
            for (int k = 0; k < Math.min(outs.size(), formals.size()); k++) {
                Integer from = outs.get(k) == null ? null : call.sourceOf(formals.get(k), sourceOfValue);
                if (from != null) {
                    sourceOfValue.put(outs.get(k), from);
                }
            }
        }

        var edges = new LinkedHashMap<Long, DiagramEdge>();
        var callAt = new HashMap<Integer, ExpandedCall>();
        calls.forEach(c -> callAt.put(c.frame().nodeIndex(), c));
        for (int i = 0; i < nodes.size(); i++) {
            if (folded[i]) {
                continue;
            }
            var call = callAt.get(i);
            if (call != null) {
                addBodyEdges(call, edges, sourceOfValue, items);
                continue;
            }
            for (var v : nodes.get(i).inputs()) {
                if (v == null || isFoldedValue(v)) {
                    continue;
                }
                addEdge(edges, sourceOrOuter(v, sourceOfValue, items), itemOfNode[i], v);
            }
        }
        for (var v : graph.outputs()) {
            int to = items.size();
            items.add(valueItem("o:", DiagramNode.Kind.OUTPUT, "output", v));
            Integer from = sourceOfValue.get(v);
            if (from != null) {
                addEdge(edges, from, to, v);
            }
        }
        var frames = calls.stream().map(ExpandedCall::frame).toList();
        return new Diagram(graph, grouping, items, new ArrayList<>(edges.values()), itemOfNode, frames);
    }

    /// The box producing `v`; an [DiagramNode.Kind#OUTER] box is added for a value of an enclosing graph.
    private int sourceOrOuter(Value v, Map<Value, Integer> sourceOfValue, List<DiagramNode> items) {
        Integer from = sourceOfValue.get(v);
        if (from == null) {
            from = items.size();
            sourceOfValue.put(v, from);
            items.add(valueItem("x:", DiagramNode.Kind.OUTER, "outer", v));
        }
        return from;
    }

    /// One call drawn expanded while building: the builder of its function's body and the box of each body
    /// node (-1 for a folded constant).
    private record ExpandedCall(CallFrame frame, DiagramBuilder body, int[] boxOfBodyNode) {

        Node caller() {
            return frame.call();
        }

        /// The box producing body value `v`: a body node's box, or for a formal input the box producing
        /// the call's actual input; `null` when none is drawn (a missing optional input, a folded value).
        Integer sourceOf(Value v, Map<Value, Integer> sourceOfValue) {
            var actual = actualInput(v);
            if (actual != null) {
                return sourceOfValue.get(actual);
            }
            var p = v.producer();
            int j = p == null ? -1 : body.indexOf(p);
            return j < 0 || boxOfBodyNode[j] < 0 ? null : boxOfBodyNode[j];
        }

        /// The caller's value bound to formal input `v` of the body, or `null` when `v` is not a formal
        /// input or the caller leaves it out.
        Value actualInput(Value v) {
            var formals = body.graph.inputs();
            var actuals = caller().inputs();
            for (int k = 0; k < formals.size(); k++) {
                if (formals.get(k) == v) {
                    return k < actuals.size() ? actuals.get(k) : null;
                }
            }
            return null;
        }
    }

    /// The body boxes of call `index` appended to `items`, or `null` (nothing added) when the node calls no
    /// model-local function or its body has no operator to draw.
    private ExpandedCall expandedCall(int index, List<DiagramNode> items) {
        var caller = nodes.get(index);
        var function = catalog.model().functionFor(caller).orElse(null);
        if (function == null) {
            return null;
        }
        var body = bodyBuilders.computeIfAbsent(function.body(), g -> new DiagramBuilder(g, catalog));
        int first = items.size();
        var boxOf = new int[body.nodes.size()];
        for (int j = 0; j < boxOf.length; j++) {
            if (body.folded[j]) {
                boxOf[j] = -1;
                continue;
            }
            boxOf[j] = items.size();
            var inner = body.operatorItem(j);
            items.add(new DiagramNode("c:" + index + "/" + j, DiagramNode.Kind.OPERATOR, inner.title(), inner.lines(),
                    inner.styleClass(), inner.node(), -1, null, null, caller, inner.width(), inner.height()));
        }
        if (items.size() == first) {
            return null;
        }
        var frame = new CallFrame("n:" + index, caller, index, function.name(), first, items.size() - first);
        return new ExpandedCall(frame, body, boxOf);
    }

    /// The edges into the body boxes of `call`: from inside the body, or through the call's actual inputs
    /// from the boxes producing them. Values folded in the body or in this graph draw no edge.
    private void addBodyEdges(ExpandedCall call, Map<Long, DiagramEdge> edges, Map<Value, Integer> sourceOfValue,
                              List<DiagramNode> items) {
        var body = call.body();
        for (int j = 0; j < body.nodes.size(); j++) {
            int to = call.boxOfBodyNode()[j];
            if (to < 0) {
                continue;
            }
            for (var v : body.nodes.get(j).inputs()) {
                if (v == null || body.isFoldedValue(v)) {
                    continue;
                }
                var actual = call.actualInput(v);
                if (actual != null) {
                    if (!isFoldedValue(actual)) {
                        addEdge(edges, sourceOrOuter(actual, sourceOfValue, items), to, actual);
                    }
                } else {
                    var from = call.sourceOf(v, sourceOfValue);
                    if (from != null) {
                        addEdge(edges, from, to, v);
                    }
                }
            }
        }
    }

    private static void addEdge(Map<Long, DiagramEdge> edges, int from, int to, Value v) {
        if (from == to) {
            return;
        }
        long key = ((long) from << 32) | to;
        var old = edges.get(key);
        if (old == null) {
            edges.put(key, new DiagramEdge(from, to, ValueText.type(v.bestType()), v, 1));
        } else if (old.value() != v) {
            edges.put(key, new DiagramEdge(from, to, (old.count() + 1) + " tensors", old.value(), old.count() + 1));
        }
    }

    /// The box of operator `index` (computed once).
    public DiagramNode operatorItem(int index) {
        var item = operatorItems[index];
        if (item == null) {
            var node = nodes.get(index);
            var lines = detailLines(node);
            var title = node.opType();
            item = new DiagramNode("n:" + index, DiagramNode.Kind.OPERATOR, title, lines, catalog.styleClass(node), node,
                    index, null, null, null, DiagramMetrics.boxWidth(title, lines), DiagramMetrics.boxHeight(lines.size()));
            operatorItems[index] = item;
        }
        return item;
    }

    private DiagramNode groupItem(Scope scope) {
        return groupItems.computeIfAbsent(scope, s -> {
            var title = s.label();
            var lines = List.of(s.size() + " nodes");
            return new DiagramNode("g:" + s.path(), DiagramNode.Kind.GROUP, title, lines, "group", null, -1, s, null, null,
                    DiagramMetrics.boxWidth(title, lines) + 8, DiagramMetrics.boxHeight(1) + 4);
        });
    }

    private static DiagramNode valueItem(String prefix, DiagramNode.Kind kind, String style, Value v) {
        var lines = List.of(ValueText.type(v.bestType()));
        return new DiagramNode(prefix + v.name(), kind, v.name(), lines, style, null, -1, null, v, null,
                DiagramMetrics.boxWidth(v.name(), lines), DiagramMetrics.boxHeight(1));
    }

    /// Key attributes first, then weights and constants read by the node, then subgraphs.
    private List<String> detailLines(Node node) {
        var lines = new ArrayList<String>();
        var attrs = node.attributes();
        var names = new ArrayList<String>();
        KEY_ATTRIBUTES.stream().filter(attrs::containsKey).forEach(names::add);
        attrs.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        int shown = 0;
        for (var name : names) {
            var value = attrs.get(name).value();
            if (value instanceof AttributeValue.GraphValue || value instanceof AttributeValue.Graphs || shown >= MAX_ATTRIBUTE_LINES) {
                continue;
            }
            lines.add(clip(name + " = " + ValueText.attribute(value, MAX_LINE_CHARS)));
            shown++;
        }
        var inputs = node.inputs();
        for (int j = 0; j < inputs.size(); j++) {
            var v = inputs.get(j);
            if (v != null && isFoldedValue(v)) {
                var formal = catalog.inputName(node, j);
                var label = formal != null ? formal : v.name();
                var tensor = constantOf(v);
                lines.add(clip(label + " " + (tensor == null ? "?" : ValueText.tensorSummary(tensor))));
            }
        }
        for (var a : attrs.values()) {
            switch (a.value()) {
                case AttributeValue.GraphValue(Graph g) -> lines.add(clip(a.name() + " ▸ " + g.nodes().size() + " nodes"));
                case AttributeValue.Graphs(var gs) -> lines.add(clip(a.name() + " ▸ " + gs.size() + " graphs"));
                default -> { }
            }
        }
        return lines;
    }

    private static String clip(String s) {
        return s.length() <= MAX_LINE_CHARS ? s : s.substring(0, MAX_LINE_CHARS - 1) + "…";
    }

    /// Whether `v` is drawn inside its consumers: an initializer (of this or an enclosing graph) or the
    /// output of a folded constant.
    private boolean isFoldedValue(Value v) {
        if (v.isInitializer()) {
            return true;
        }
        var p = v.producer();
        if (p == null) {
            return false;
        }
        Integer i = indexOf.get(p);
        return i != null && folded[i];
    }

    /// The constant tensor behind a folded value.
    public static dev.loupe.model.TensorData constantOf(Value v) {
        if (v.isInitializer()) {
            return v.initializer();
        }
        var p = v.producer();
        if (p != null) {
            var a = p.attribute("value");
            if (a.isPresent() && a.get().value() instanceof AttributeValue.TensorValue(var t)) {
                return t;
            }
        }
        return null;
    }

    /// A `Constant` without inputs whose output is not a graph output and has consumers.
    private boolean isFoldedConstant(Node node) {
        if (!"Constant".equals(node.opType()) || !node.canonicalDomain().isEmpty() || !node.inputs().isEmpty()
                || node.outputs().size() != 1 || node.outputs().getFirst() == null) {
            return false;
        }
        var out = node.outputs().getFirst();
        return !out.consumers().isEmpty() && !graph.outputs().contains(out);
    }

    private static String nameOrEmpty(Node node) {
        return node.name() == null ? "" : node.name();
    }
}
