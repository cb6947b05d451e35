package dev.loupe.model.transform;

import dev.loupe.model.Function;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.Value;
import dev.loupe.model.check.NodeOrder;
import dev.loupe.model.edit.EditException;
import dev.loupe.model.infer.ShapeInference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/// Extracts the part of a model's main graph that computes chosen values from other chosen values, as a new
/// model, with the semantics of `onnx.utils.extract_model`: the new graph's inputs are the given input
/// values, its outputs the given output values, its nodes those (in file order) needed to compute the
/// outputs when the walk back from them stops at the inputs; initializers those nodes read are kept, and so
/// are the value infos of the values they touch. Inputs and outputs get their declared type or, failing
/// that, the type shape inference finds. Unlike `extract_model`, values read by subgraphs (`If`/`Loop`
/// bodies) from the main graph count as inputs of their node, and model-local functions the kept nodes call
/// are copied along.
///
/// The new model shares constant tensors with the source, which must stay open until the new model is
/// written or closed. The source is not modified, except that shape inference refreshes its inferred types.
public final class Extraction {

    private Extraction() {
    }

    /// The subgraph of `source` that computes `outputs` from `inputs` (value names), as a new model.
    ///
    /// @throws EditException when a name is unknown, when an output needs a value that is neither computed
    ///                       from the inputs nor an initializer (naming it), or when an input or output has no
    ///                       known type
    public static Model extract(Model source, List<String> inputs, List<String> outputs) throws EditException {
        var graph = source.graph();
        if (outputs.isEmpty()) {
            throw new EditException("choose at least one output to extract");
        }
        var inputValues = values(graph, inputs, "input");
        var outputValues = values(graph, outputs, "output");
        var nodes = reachableNodes(graph, inputValues, outputValues);
        ShapeInference.infer(source);
        for (var v : inputValues) {
            requireType(v, "input");
        }
        for (var v : outputValues) {
            requireType(v, "output");
        }
        return build(source, inputValues, outputValues, nodes);
    }

    private static List<Value> values(Graph graph, List<String> names, String role) throws EditException {
        var out = new ArrayList<Value>();
        for (var name : new LinkedHashSet<>(names)) {
            var v = graph.value(name);
            if (v == null || !v.isDefined()) {
                throw new EditException("unknown " + role + " '" + name + "': the main graph has no value of that name");
            }
            out.add(v);
        }
        return out;
    }

    /// The nodes the outputs need, in graph order; refuses when the walk reaches an undefined boundary.
    private static List<Node> reachableNodes(Graph graph, List<Value> inputs, List<Value> outputs) throws EditException {
        var stops = Collections.newSetFromMap(new IdentityHashMap<Value, Boolean>());
        stops.addAll(inputs);
        var reached = Collections.newSetFromMap(new IdentityHashMap<Node, Boolean>());
        for (var out : outputs) {
            var queue = new ArrayDeque<Value>();
            queue.add(out);
            while (!queue.isEmpty()) {
                var v = queue.poll();
                if (stops.contains(v) || v.isInitializer()) {
                    continue;
                }
                var p = v.producer();
                if (p == null || p.graph() != graph) {
                    throw new EditException("output '" + out.name() + "' cannot be computed from the given inputs: it needs '"
                            + v.name() + "', which is neither one of them nor an initializer");
                }
                if (reached.add(p)) {
                    queue.addAll(NodeOrder.dependencies(p));
                }
            }
        }
        return graph.nodes().stream().filter(reached::contains).toList();
    }

    private static void requireType(Value v, String role) throws EditException {
        if (v.bestType() == null) {
            throw new EditException("no type is known for " + role + " '" + v.name()
                    + "': declare it (value_info) or make its shape inferable first");
        }
    }

    private static Model build(Model source, List<Value> inputs, List<Value> outputs, List<Node> nodes) {
        var from = source.graph();
        var g = new Graph(null, from.name());
        UnaryOperator<Value> map = v -> {
            var copy = g.value(v.name());
            if (copy == null) {
                copy = g.valueOrCreate(v.name());
                GraphCopier.copyValueInfo(v, copy);
            }
            return copy;
        };
        for (var v : inputs) {
            var copy = map.apply(v);
            copy.setType(v.type() != null ? v.type() : v.bestType());
            g.addInput(copy);
        }
        var copier = new GraphCopier(map, UnaryOperator.identity());
        var touched = Collections.newSetFromMap(new IdentityHashMap<Value, Boolean>());
        for (var n : nodes) {
            copier.copyNode(n, g, n.name());
            NodeOrder.dependencies(n).forEach(touched::add);
            n.outputs().stream().filter(Objects::nonNull).forEach(touched::add);
        }
        for (var v : from.initializers()) {
            if (touched.contains(v) || outputs.contains(v)) {
                g.setInitializer(map.apply(v), v.initializer());
            }
        }
        for (var v : outputs) {
            var copy = map.apply(v);
            copy.setType(v.type() != null ? v.type() : v.bestType());
            g.addOutput(copy);
        }
        for (var v : from.valueInfos()) {
            if (touched.contains(v) && !inputs.contains(v) && !outputs.contains(v)) {
                g.addValueInfo(map.apply(v));
            }
        }
        var model = new Model(g);
        model.setIrVersion(source.irVersion());
        model.opsetImports().addAll(source.opsetImports());
        model.setProducerName(source.producerName());
        model.setProducerVersion(source.producerVersion());
        model.setDomain(source.domain());
        model.setModelVersion(source.modelVersion());
        model.setMetadataProps(source.metadataProps());
        usedFunctions(source, nodes).forEach(f -> model.functions().add(FunctionCopies.copy(f)));
        return model;
    }

    /// The local functions `nodes` call, directly or through other functions and subgraphs, in model order.
    private static List<Function> usedFunctions(Model source, List<Node> nodes) {
        Set<Function> used = Collections.newSetFromMap(new IdentityHashMap<>());
        var queue = new ArrayDeque<Node>(nodes);
        while (!queue.isEmpty()) {
            var n = queue.poll();
            n.subgraphs().forEach(sub -> queue.addAll(sub.nodes()));
            source.functionFor(n).filter(used::add).ifPresent(f -> queue.addAll(f.body().nodes()));
        }
        return source.functions().stream().filter(used::contains).toList();
    }
}
