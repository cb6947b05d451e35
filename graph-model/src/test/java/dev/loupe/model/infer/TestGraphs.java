package dev.loupe.model.infer;

import dev.loupe.model.Attribute;
import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.OpsetId;
import dev.loupe.model.Shape;
import dev.loupe.model.TensorData;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;
import java.util.ArrayList;
import java.util.List;

/// Builds small models in memory for inference tests. Dimensions are given as numbers (`3`), symbols
/// (`"batch"`) or `"?"` for unknown.
final class TestGraphs {

    final Graph graph;
    final Model model;
    private int counter;

    TestGraphs(long opset) {
        this(new Graph(null, "test"), opset);
    }

    private TestGraphs(Graph graph, long opset) {
        this.graph = graph;
        this.model = new Model(graph);
        model.setIrVersion(8L);
        model.opsetImports().add(new OpsetId("", opset));
    }

    static TypeInfo.TensorType type(ElementType type, Object... dims) {
        var list = new ArrayList<Dim>();
        for (var d : dims) {
            list.add(switch (d) {
                case Integer i -> Dim.of(i);
                case Long l -> Dim.of(l);
                case String s when s.equals("?") -> Dim.unknown();
                case String s -> Dim.symbol(s);
                default -> throw new IllegalArgumentException(String.valueOf(d));
            });
        }
        return new TypeInfo.TensorType(type, new Shape(list));
    }

    Value input(String name, ElementType type, Object... dims) {
        return input(graph, name, type(type, dims));
    }

    static Value input(Graph g, String name, TypeInfo type) {
        var v = g.valueOrCreate(name);
        v.setType(type);
        g.addInput(v);
        return v;
    }

    Value ints(String name, long... values) {
        var v = graph.valueOrCreate(name);
        graph.setInitializer(v, TensorData.ofLongs(name, new long[] {values.length}, values));
        return v;
    }

    Value scalar(String name, long value) {
        var v = graph.valueOrCreate(name);
        graph.setInitializer(v, TensorData.ofLongs(name, new long[0], value));
        return v;
    }

    Value floats(String name, long[] dims, float... values) {
        var v = graph.valueOrCreate(name);
        graph.setInitializer(v, TensorData.ofFloats(name, dims, values));
        return v;
    }

    Value op(String opType, List<Value> inputs, Attribute... attributes) {
        return node(graph, opType, inputs, 1, attributes).output(0);
    }

    Node node(Graph g, String opType, List<Value> inputs, int outputs, Attribute... attributes) {
        var n = g.addNode("n" + counter, opType, "");
        for (var in : inputs) {
            n.addInput(in);
        }
        for (int i = 0; i < outputs; i++) {
            n.addOutput(g.valueOrCreate(opType.toLowerCase(java.util.Locale.ROOT) + "_" + counter + "_" + i));
        }
        counter++;
        for (var a : attributes) {
            n.setAttribute(a);
        }
        return n;
    }

    /// Runs inference and returns the inferred type of `v` as text, e.g. `float[batch,3]`.
    String infer(Value v) {
        ShapeInference.infer(model);
        return String.valueOf(v.inferredType());
    }
}
