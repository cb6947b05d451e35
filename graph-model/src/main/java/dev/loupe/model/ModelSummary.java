package dev.loupe.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/// The facts a user looks at first: versions, producer, size and interface of a model. Computed without
/// reading any weight values, so it is fast even for models of several gigabytes.
///
/// @param nodeCount nodes of the main graph
/// @param totalNodeCount nodes including those of subgraphs and local functions
/// @param opHistogram operator (prefixed by its domain unless `ai.onnx`) → number of uses, most used first
/// @param parameterCount elements in all initializers of the main graph
/// @param weightBytes bytes of those initializers
public record ModelSummary(Long irVersion, List<OpsetId> opsets, String producer, int nodeCount, int totalNodeCount,
                           Map<String, Integer> opHistogram, List<Port> inputs, List<Port> outputs,
                           int initializerCount, long parameterCount, long weightBytes, int functionCount,
                           List<StringEntry> metadata) {

    /// A graph input or output: its name and type as text (`?` when undeclared).
    public record Port(String name, String type) {}

    public static ModelSummary of(Model model) {
        var g = model.graph();
        var counts = new TreeMap<String, Integer>();
        int total = countOps(g, counts);
        for (var f : model.functions()) {
            total += countOps(f.body(), counts);
        }
        var histogram = new LinkedHashMap<String, Integer>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> histogram.put(e.getKey(), e.getValue()));
        var inputs = new ArrayList<Port>();
        for (var v : g.inputs()) {
            if (!v.isInitializer()) {
                inputs.add(port(v));
            }
        }
        long params = 0;
        long bytes = 0;
        for (var v : g.initializers()) {
            var t = v.initializer();
            params += t.elementCount();
            bytes += t.elementType() == ElementType.STRING ? 0 : t.byteSize();
        }
        var producer = (model.producerName() == null ? "" : model.producerName())
                + (model.producerVersion() == null || model.producerVersion().isEmpty() ? "" : " " + model.producerVersion());
        return new ModelSummary(model.irVersion(), List.copyOf(model.opsetImports()), producer.trim(), g.nodes().size(), total,
                histogram, inputs, g.outputs().stream().map(ModelSummary::port).toList(), g.initializers().size(), params, bytes,
                model.functions().size(), model.metadataProps());
    }

    private static Port port(Value v) {
        var t = v.bestType();
        return new Port(v.name(), t == null ? "?" : t.toString());
    }

    private static int countOps(Graph g, Map<String, Integer> counts) {
        int n = 0;
        for (var node : g.nodes()) {
            var d = node.canonicalDomain();
            counts.merge(d.isEmpty() ? node.opType() : d + "." + node.opType(), 1, Integer::sum);
            n++;
            for (var sub : node.subgraphs()) {
                n += countOps(sub, counts);
            }
        }
        return n;
    }
}
