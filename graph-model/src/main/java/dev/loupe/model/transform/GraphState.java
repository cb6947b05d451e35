package dev.loupe.model.transform;

import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import dev.loupe.model.TensorData;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// What one graph holds at a moment: its node list, inputs, outputs, initializers, value infos and the
/// declared types of its values. [#restore()] puts the graph back into that state, re-wiring nodes through
/// [Graph#detachNode] and [Graph#restoreNode], so node and value objects keep their identity.
record GraphState(Graph graph, List<Node> nodes, List<Value> inputs, List<Value> outputs,
                  Map<Value, TensorData> initializers, List<Value> valueInfos, Map<Value, TypeInfo> types) {

    static GraphState of(Graph graph) {
        var initializers = new LinkedHashMap<Value, TensorData>();
        graph.initializers().forEach(v -> initializers.put(v, v.initializer()));
        var types = new IdentityHashMap<Value, TypeInfo>();
        graph.values().forEach(v -> types.put(v, v.type()));
        graph.inputs().forEach(v -> types.put(v, v.type()));
        graph.outputs().forEach(v -> types.put(v, v.type()));
        return new GraphState(graph, List.copyOf(graph.nodes()), new ArrayList<>(graph.inputs()),
                new ArrayList<>(graph.outputs()), initializers, new ArrayList<>(graph.valueInfos()), types);
    }

    void restore() {
        restoreNodes();
        if (!graph.inputs().equals(inputs)) {
            while (!graph.inputs().isEmpty()) {
                graph.removeInput(graph.inputs().getLast());
            }
            inputs.forEach(graph::addInput);
        }
        if (!graph.outputs().equals(outputs)) {
            while (!graph.outputs().isEmpty()) {
                graph.removeOutput(graph.outputs().getLast());
            }
            outputs.forEach(graph::addOutput);
        }
        restoreInitializers();
        if (!graph.valueInfos().equals(valueInfos)) {
            while (!graph.valueInfos().isEmpty()) {
                graph.removeValueInfo(graph.valueInfos().getLast());
            }
            valueInfos.forEach(graph::addValueInfo);
        }
        types.forEach(Value::setType);
    }

    private void restoreNodes() {
        if (graph.nodes().equals(nodes)) {
            return;
        }
        Set<Node> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
        wanted.addAll(nodes);
        Set<Node> present = Collections.newSetFromMap(new IdentityHashMap<>());
        for (var n : List.copyOf(graph.nodes())) {
            if (wanted.contains(n)) {
                present.add(n);
            } else {
                graph.detachNode(n);
            }
        }
        for (var n : nodes) {
            if (!present.contains(n)) {
                graph.restoreNode(n, graph.nodes().size());
            }
        }
        graph.reorderNodes(nodes);
    }

    private void restoreInitializers() {
        boolean same = graph.initializers().size() == initializers.size();
        if (same) {
            var it = initializers.entrySet().iterator();
            for (var v : graph.initializers()) {
                var e = it.next();
                if (e.getKey() != v || e.getValue() != v.initializer()) {
                    same = false;
                    break;
                }
            }
        }
        if (same) {
            return;
        }
        for (var v : List.copyOf(graph.initializers())) {
            graph.setInitializer(v, null);
        }
        initializers.forEach(graph::setInitializer);
    }
}
