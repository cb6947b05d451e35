package dev.loupe.executor.session;

import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeType;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.Function;
import dev.loupe.model.Opaque;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.OpsetId;
import dev.loupe.model.Shape;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;

import java.util.List;

/// Builds small models in memory with the neutral model API, for tests.
public final class TestModels {

    private TestModels() {
    }

    /// A model with `graph`, importing `ai.onnx` at `opset`.
    public static Model model(Graph graph, long opset) {
        var m = new Model(graph);
        m.setIrVersion(8L);
        m.opsetImports().add(new OpsetId("", opset));
        return m;
    }

    /// Declares graph input `name` of `type` with the given dims.
    public static Value input(Graph g, String name, ElementType type, long... dims) {
        var v = g.valueOrCreate(name);
        v.setType(new TypeInfo.TensorType(type, Shape.of(dims)));
        g.addInput(v);
        return v;
    }

    /// Appends node `name` of `opType` reading `inputs` (names; `""` for an absent input) and producing
    /// `outputs`, with `attributes`.
    public static Node node(Graph g, String name, String opType, String[] inputs, String[] outputs, Attribute... attributes) {
        var n = g.addNode(name, opType, "");
        for (var in : inputs) {
            n.addInput(in.isEmpty() ? null : resolve(g, in));
        }
        for (var out : outputs) {
            n.addOutput(g.valueOrCreate(out));
        }
        for (var a : attributes) {
            n.setAttribute(a);
        }
        return n;
    }

    public static void output(Graph g, String name) {
        g.addOutput(resolve(g, name));
    }

    private static Value resolve(Graph g, String name) {
        var v = g.resolve(name);
        return v != null ? v : g.valueOrCreate(name);
    }

    public static String[] names(String... names) {
        return names;
    }

    /// `y = Neg(Loop(M, acc0) { acc = acc + step })` where `step` is read from the main graph inside the
    /// body; inputs `M` (int64 scalar), `acc0` and `step` (float[1]).
    public static Model accumulatingLoop() {
        var g = new Graph(null, "main");
        input(g, "M", ElementType.INT64);
        input(g, "acc0", ElementType.FLOAT, 1);
        input(g, "step", ElementType.FLOAT, 1);
        var body = new Graph(g, "body");
        input(body, "i", ElementType.INT64);
        input(body, "cond_in", ElementType.BOOL);
        input(body, "acc_in", ElementType.FLOAT, 1);
        node(body, "keep_going", "Identity", names("cond_in"), names("cond_out"));
        node(body, "accumulate", "Add", names("acc_in", "step"), names("acc_out"));
        output(body, "cond_out");
        output(body, "acc_out");
        node(g, "loop", "Loop", names("M", "", "acc0"), names("total"), Attribute.ofGraph("body", body));
        node(g, "negate", "Neg", names("total"), names("y"));
        output(g, "y");
        return model(g, 17);
    }

    /// `custom.Scale(x) = x * alpha` as a model-local function with alpha defaulting to 2.
    public static Model withLocalFunction(Float alpha) {
        var body = new Graph(null, "Scale");
        body.addInput(body.valueOrCreate("X"));
        var c = node(body, "c", "Constant", names(), names("alpha_value"));
        c.setAttribute(new Attribute("value_float", new AttributeValue.Undefined(), "alpha", null, AttributeType.FLOAT, Opaque.NONE));
        node(body, "m", "Mul", names("X", "alpha_value"), names("Y"));
        output(body, "Y");
        var fn = new Function("Scale", "custom", body);
        fn.setAttributeDefaults(List.of(Attribute.ofFloat("alpha", 2f)));
        fn.setOpsetImports(List.of(new OpsetId("", 17)));

        var g = new Graph(null, "g");
        input(g, "x", ElementType.FLOAT, 2);
        var call = g.addNode("scale", "Scale", "custom");
        call.addInput(g.value("x"));
        call.addOutput(g.valueOrCreate("y"));
        if (alpha != null) {
            call.setAttribute(Attribute.ofFloat("alpha", alpha));
        }
        output(g, "y");
        var m = model(g, 17);
        m.opsetImports().add(new OpsetId("custom", 1));
        m.functions().add(fn);
        return m;
    }
}
