package dev.loupe.model.transform;

import dev.loupe.model.Function;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.OpsetId;
import dev.loupe.model.StringEntry;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;
import dev.loupe.model.edit.EditException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/// Merges two models into one by feeding outputs of the first into inputs of the second, with the
/// semantics of `onnx.compose.merge_models`:
///
/// - every name of the first model's main graph (values and nodes) gets `prefix1`, every name of the
///   second's `prefix2` (either may be empty); connections are given by the names before prefixing;
/// - the merged graph holds the first graph's nodes, then the second's, whose connected inputs now read the
///   first graph's outputs; its inputs are the first graph's and the second's unconnected ones, its outputs
///   the first graph's unconnected ones and all of the second's;
/// - a value name used by both graphs (after prefixing) is refused, as are two versions of one operator set,
///   two local functions of the same domain and name, and two values for one metadata key.
///
/// Departures: the IR version is the higher of the two (ONNX wants them equal), and a connection whose two
/// ends have different known element types is refused. Names inside subgraphs keep their own scope and are
/// not prefixed.
///
/// The merged model shares constant tensors with both sources, which must stay open until it is written
/// or closed. The sources are not modified.
public final class ModelMerge {

    /// Output `from` of the first model feeds input `to` of the second (names before prefixing).
    public record Connection(String from, String to) {

        /// Parses `from=to`.
        ///
        /// @throws EditException when the text has no `=` or an empty side
        public static Connection parse(String text) throws EditException {
            int eq = text.indexOf('=');
            if (eq <= 0 || eq == text.length() - 1) {
                throw new EditException("expected OUTPUT=INPUT (an output of the first model, an input of the second), got '"
                        + text + "'");
            }
            return new Connection(text.substring(0, eq).trim(), text.substring(eq + 1).trim());
        }
    }

    private final Model first;
    private final Model second;
    private final String prefix1;
    private final String prefix2;
    /// Connected inputs of the second graph → the first graph's outputs feeding them.
    private final Map<Value, Value> fed = new IdentityHashMap<>();
    private final Graph merged;

    private ModelMerge(Model first, Model second, String prefix1, String prefix2) {
        this.first = first;
        this.second = second;
        this.prefix1 = prefix1 == null ? "" : prefix1;
        this.prefix2 = prefix2 == null ? "" : prefix2;
        this.merged = new Graph(null, first.graph().name() + "_" + second.graph().name());
    }

    /// The model computing `second` on the outputs of `first` that `connections` name.
    ///
    /// @throws EditException when a connection names no output of the first model or no input of the second,
    ///                       connects one input twice or joins different element types; when both models
    ///                       import one operator set at different versions, use a value name in common
    ///                       (after prefixing), define local functions of the same name or disagree on a
    ///                       metadata value; or when a main graph holds sparse initializers
    public static Model merge(Model first, Model second, List<Connection> connections, String prefix1, String prefix2)
            throws EditException {
        var merge = new ModelMerge(first, second, prefix1, prefix2);
        var opsets = unifiedOpsets(first, second);
        merge.connect(connections);
        merge.checkNames();
        if (!first.graph().sparseInitializers().isEmpty() || !second.graph().sparseInitializers().isEmpty()) {
            throw new EditException("models with sparse initializers cannot be merged yet");
        }
        var functions = functions(first, second);
        var metadata = metadata(first, second);
        merge.copyFirst();
        merge.copySecond();
        var model = new Model(merge.merged);
        model.setIrVersion(higher(first.irVersion(), second.irVersion()));
        model.opsetImports().addAll(opsets);
        model.setProducerName(first.producerName());
        model.setProducerVersion(first.producerVersion());
        model.setMetadataProps(metadata);
        functions.forEach(f -> model.functions().add(FunctionCopies.copy(f)));
        return model;
    }

    private static Long higher(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
    }

    private static List<OpsetId> unifiedOpsets(Model first, Model second) throws EditException {
        var versions = new LinkedHashMap<String, OpsetId>();
        for (var o : first.opsetImports()) {
            versions.put(OpsetId.canonicalDomain(o.domain()), o);
        }
        for (var o : second.opsetImports()) {
            var domain = OpsetId.canonicalDomain(o.domain());
            var mine = versions.putIfAbsent(domain, o);
            if (mine != null && mine.version() != o.version()) {
                throw new EditException("the models import " + (domain.isEmpty() ? "ai.onnx" : domain) + " at different versions ("
                        + mine.version() + " and " + o.version() + "): convert one to the other's opset first");
            }
        }
        return List.copyOf(versions.values());
    }

    private void connect(List<Connection> connections) throws EditException {
        for (var c : connections) {
            var out = first.graph().outputs().stream().filter(v -> v.name().equals(c.from())).findFirst()
                    .orElseThrow(() -> new EditException("'" + c.from() + "' is not an output of the first model (outputs: "
                            + names(first.graph().outputs()) + ")"));
            var in = second.graph().inputs().stream().filter(v -> v.name().equals(c.to())).findFirst()
                    .orElseThrow(() -> new EditException("'" + c.to() + "' is not an input of the second model (inputs: "
                            + names(second.graph().inputs()) + ")"));
            if (fed.put(in, out) != null) {
                throw new EditException("input '" + c.to() + "' of the second model is connected twice");
            }
            var a = out.bestType() instanceof TypeInfo.TensorType t ? t.elementType() : null;
            var b = in.bestType() instanceof TypeInfo.TensorType t ? t.elementType() : null;
            if (a != null && b != null && a != b) {
                throw new EditException("cannot connect '" + c.from() + "' (" + a.onnxName() + ") to '" + c.to() + "' ("
                        + b.onnxName() + ")");
            }
        }
    }

    private static String names(List<Value> values) {
        return String.join(", ", values.stream().map(Value::name).toList());
    }

    /// Refuses value names both graphs would use after prefixing (connected inputs of the second excepted).
    private void checkNames() throws EditException {
        var mine = new HashSet<String>();
        usedNames(first.graph(), Set.of()).forEach(n -> mine.add(prefix1 + n));
        var clashes = new TreeSet<String>();
        for (var n : usedNames(second.graph(), fed.keySet())) {
            if (mine.contains(prefix2 + n)) {
                clashes.add(prefix2 + n);
            }
        }
        if (!clashes.isEmpty()) {
            var shown = clashes.stream().limit(3).map(n -> "'" + n + "'").toList();
            throw new EditException("both models use the value name" + (clashes.size() == 1 ? " " : "s ") + String.join(", ", shown)
                    + (clashes.size() > 3 ? " and " + (clashes.size() - 3) + " more" : "") + ": give a prefix to one of them");
        }
    }

    private static Set<String> usedNames(Graph graph, Set<Value> except) {
        var values = new LinkedHashSet<Value>();
        values.addAll(graph.inputs());
        values.addAll(graph.initializers());
        values.addAll(graph.outputs());
        values.addAll(graph.valueInfos());
        for (var n : graph.nodes()) {
            n.inputs().forEach(values::add);
            n.outputs().forEach(values::add);
        }
        var out = new LinkedHashSet<String>();
        for (var v : values) {
            if (v != null && !except.contains(v)) {
                out.add(v.name());
            }
        }
        return out;
    }

    private UnaryOperator<Value> mapping(String prefix) {
        return v -> {
            var feeder = fed.get(v);
            if (feeder != null) {
                return merged.value(prefix1 + feeder.name());
            }
            var copy = merged.value(prefix + v.name());
            if (copy == null) {
                copy = merged.valueOrCreate(prefix + v.name());
                GraphCopier.copyValueInfo(v, copy);
            }
            return copy;
        };
    }

    private void copyFirst() {
        var g = first.graph();
        var map = mapping(prefix1);
        g.inputs().forEach(v -> merged.addInput(map.apply(v)));
        copyBody(g, map, prefix1, Set.of());
        var connected = Set.copyOf(fed.values());
        g.outputs().stream().filter(v -> !connected.contains(v)).forEach(v -> merged.addOutput(map.apply(v)));
        g.valueInfos().forEach(v -> merged.addValueInfo(map.apply(v)));
    }

    private void copySecond() {
        var g = second.graph();
        var map = mapping(prefix2);
        g.inputs().stream().filter(v -> !fed.containsKey(v)).forEach(v -> merged.addInput(map.apply(v)));
        copyBody(g, map, prefix2, fed.keySet());
        g.outputs().forEach(v -> merged.addOutput(map.apply(v)));
        g.valueInfos().stream().filter(v -> !fed.containsKey(v)).forEach(v -> merged.addValueInfo(map.apply(v)));
    }

    private void copyBody(Graph g, UnaryOperator<Value> map, String prefix, Set<Value> skipped) {
        for (var v : g.initializers()) {
            if (!skipped.contains(v)) {
                var copy = map.apply(v);
                merged.setInitializer(copy, v.initializer().withName(copy.name()));
            }
        }
        var copier = new GraphCopier(map, UnaryOperator.identity());
        for (var n : g.nodes()) {
            copier.copyNode(n, merged, n.name() == null || n.name().isEmpty() ? n.name() : prefix + n.name());
        }
    }

    private static List<Function> functions(Model first, Model second) throws EditException {
        var all = new ArrayList<>(first.functions());
        for (var f : second.functions()) {
            if (first.functions().stream().anyMatch(m -> m.name().equals(f.name()) && Objects.equals(m.domain(), f.domain()))) {
                throw new EditException("both models define local function " + f.domain() + ":" + f.name());
            }
            all.add(f);
        }
        return all;
    }

    private static List<StringEntry> metadata(Model first, Model second) throws EditException {
        var props = new LinkedHashMap<String, String>();
        first.metadataProps().forEach(e -> props.put(e.key(), e.value()));
        var out = new ArrayList<>(first.metadataProps());
        for (var e : second.metadataProps()) {
            var mine = props.putIfAbsent(e.key(), e.value());
            if (mine == null) {
                out.add(e);
            } else if (!mine.equals(e.value())) {
                throw new EditException("the models disagree on metadata '" + e.key() + "': '" + mine + "' and '" + e.value() + "'");
            }
        }
        return out;
    }
}
