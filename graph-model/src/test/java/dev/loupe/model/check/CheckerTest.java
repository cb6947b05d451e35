package dev.loupe.model.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import dev.loupe.model.Function;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.OpsetId;
import dev.loupe.model.TensorData;
import dev.loupe.model.TypeInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/// Each rule of the checker on a small model built in memory.
class CheckerTest {

    private final Graph g = new Graph(null, "main");
    private final Model model = new Model(g);

    CheckerTest() {
        model.setIrVersion(8L);
        model.opsetImports().add(new OpsetId("", 15));
        var x = g.valueOrCreate("x");
        x.setType(TypeInfo.tensor(ElementType.FLOAT, 2, 3));
        g.addInput(x);
    }

    private Node node(String name, String op, List<String> inputs, List<String> outputs) {
        return node(g, name, op, inputs, outputs);
    }

    private static Node node(Graph graph, String name, String op, List<String> inputs, List<String> outputs) {
        var n = graph.addNode(name, op, "");
        for (var in : inputs) {
            var v = graph.resolve(in);
            n.addInput(in.isEmpty() ? null : v != null ? v : graph.valueOrCreate(in));
        }
        for (var out : outputs) {
            n.addOutput(graph.valueOrCreate(out));
        }
        return n;
    }

    private List<String> problems() {
        return Checker.check(model).stream().map(Problem::toString).toList();
    }

    @Test
    void aValidModelHasNoProblems() {
        node("relu", "Relu", List.of("x"), List.of("y"));
        g.addOutput(g.value("y"));
        assertThat(problems()).isEmpty();
    }

    @Test
    void modelWithoutGraphOrVersions() {
        var empty = new Model(null);
        assertThat(Checker.check(empty)).extracting(Problem::toString).containsExactly(
                "ERROR model: IR version is not set: expected 1 to 11",
                "ERROR model: imports no operator set: expected at least an ai.onnx opset_import entry",
                "ERROR model: has no graph: expected a main graph");
    }

    @Test
    void irVersionTooNewAndOpsetNeedingANewerIr() {
        model.setIrVersion(12L);
        assertThat(problems()).containsExactly("ERROR model: IR version 12 is newer than the newest Loupe supports (11)");
        model.setIrVersion(6L);
        assertThat(problems()).containsExactly("WARNING model / opset_import 'ai.onnx': version 15 first shipped with "
                + "IR version 8, but the model declares IR version 6: expected 8 or newer");
    }

    @Test
    void initializersMustBeInputsUpToIrVersion3() {
        model.setIrVersion(3L);
        model.opsetImports().set(0, new OpsetId("", 8));
        var w = g.valueOrCreate("w");
        g.setInitializer(w, TensorData.ofFloats("w", new long[] {1}, 1f));
        node("add", "Add", List.of("x", "w"), List.of("y"));
        g.addOutput(g.value("y"));
        assertThat(problems()).containsExactly("ERROR graph 'main' / value 'w': is an initializer but not a graph input, "
                + "which IR version 3 requires (IR 4 and later do not)");
    }

    @Test
    void nodesOutOfOrderAndUndefinedInputs() {
        node("second", "Relu", List.of("t"), List.of("y"));
        node("first", "Relu", List.of("x"), List.of("t"));
        node("third", "Add", List.of("y", "nowhere"), List.of("z"));
        g.addOutput(g.value("z"));
        g.addOutput(g.valueOrCreate("missing"));
        assertThat(problems()).containsExactly(
                "ERROR graph 'main' / node 'third' (Add) / input 1: reads 'nowhere', which is not defined: expected a graph "
                        + "input, an initializer or an earlier node's output",
                "ERROR graph 'main' / value 'missing': is a graph output that nothing defines: expected a node output, "
                        + "graph input or initializer of that name",
                "ERROR graph 'main' / node 'second' (Relu): reads 't' before node 'first' (Relu) produces it: "
                        + "expected nodes in topological order");
    }

    @Test
    void cyclesAreReportedOnce() {
        node("a", "Add", List.of("x", "c"), List.of("a"));
        node("b", "Relu", List.of("a"), List.of("b"));
        node("c", "Relu", List.of("b"), List.of("c"));
        g.addOutput(g.value("c"));
        assertThat(problems()).singleElement().asString()
                .startsWith("ERROR graph 'main': nodes form a cycle (")
                .contains("a", "b", "c")
                .endsWith("): expected an acyclic graph");
    }

    @Test
    void singleAssignment() {
        var n = node("dup", "Split", List.of("x"), List.of("y"));
        n.addOutput(g.value("y"));
        node("shadow", "Relu", List.of("x"), List.of());
        g.value("y");
        g.addOutput(g.value("y"));
        var init = g.valueOrCreate("w");
        g.setInitializer(init, TensorData.ofFloats("w", new long[] {1}, 1f));
        g.nodes().get(1).addOutput(init);
        assertThat(problems()).containsExactly(
                "ERROR graph 'main' / node 'dup' (Split): writes 'y' twice: expected single assignment of each name",
                "ERROR graph 'main' / node 'shadow' (Relu): writes 'w', which is also a graph initializer: "
                        + "expected single assignment of each name");
    }

    @Test
    void subgraphsSeeEarlierOuterValuesButNotLaterOnes() {
        var cond = g.valueOrCreate("cond");
        cond.setType(TypeInfo.tensor(ElementType.BOOL));
        g.addInput(cond);
        var ifNode = node("if", "If", List.of("cond"), List.of("r"));
        var then = new Graph(g, "then");
        node(then, "neg", "Neg", List.of("x"), List.of("t_out"));
        then.addOutput(then.value("t_out"));
        var otherwise = new Graph(g, "else");
        node(otherwise, "abs", "Abs", List.of("late"), List.of("e_out"));
        otherwise.addOutput(otherwise.value("e_out"));
        node("producer", "Relu", List.of("x"), List.of("late"));
        // The else branch reads 'late' before it is produced: resolve it to the outer value.
        otherwise.nodes().getFirst().setInput(0, g.value("late"));
        ifNode.setAttribute(Attribute.ofGraph("then_branch", then));
        ifNode.setAttribute(Attribute.ofGraph("else_branch", otherwise));
        g.addOutput(g.value("r"));
        assertThat(problems()).containsExactly("ERROR graph 'main' / node 'if' (If): reads (in a subgraph) 'late' before "
                + "node 'producer' (Relu) produces it: expected nodes in topological order");
        // Reading the If's own output from a branch closes a cycle.
        g.nodes().getLast().setInput(0, g.value("r"));
        assertThat(problems()).singleElement().asString().startsWith("ERROR graph 'main': nodes form a cycle (");
    }

    @Test
    void subgraphNamesMustNotHideOuterNames() {
        var body = new Graph(g, "body");
        var inner = body.valueOrCreate("x");
        body.addInput(inner);
        node(body, "id", "Identity", List.of("x"), List.of("o"));
        body.addOutput(body.value("o"));
        var n = node("scan", "Scan", List.of("x"), List.of("y"));
        n.setAttribute(Attribute.ofGraph("body", body));
        n.setAttribute(Attribute.ofInt("num_scan_inputs", 1));
        g.addOutput(g.value("y"));
        assertThat(problems()).containsExactly("ERROR graph 'main' / node 'scan' (Scan) / attribute 'body' / value 'x': "
                + "hides a value of the same name in an enclosing graph: expected names unique across nested scopes "
                + "(single static assignment)");
    }

    @Test
    void operatorsMustExistAtTheImportedOpset() {
        node("ln", "LayerNormalization", List.of("x"), List.of("y"));
        node("nope", "NoSuchOp", List.of("y"), List.of("z"));
        var custom = g.addNode("custom", "Fancy", "com.example");
        custom.addInput(g.value("z"));
        custom.addOutput(g.valueOrCreate("w"));
        g.addOutput(g.value("w"));
        assertThat(problems()).containsExactly(
                "ERROR graph 'main' / node 'ln' (LayerNormalization): 'LayerNormalization' first appears in opset 17 of "
                        + "ai.onnx, but the imported version is 15",
                "ERROR graph 'main' / node 'nope' (NoSuchOp): 'NoSuchOp' is not an operator of ai.onnx at opset 15",
                "ERROR graph 'main' / node 'custom' (com.example.Fancy): domain 'com.example' is not imported by the model: "
                        + "expected an opset_import entry for it");
        model.opsetImports().add(new OpsetId("com.example", 1));
        assertThat(problems()).last().isEqualTo("WARNING graph 'main' / node 'custom' (com.example.Fancy): operator 'Fancy' "
                + "of custom domain 'com.example' has no schema and no model-local function: its inputs and attributes are not checked");
    }

    @Test
    void countsAndAttributesFollowTheSchema() {
        var add = node("add", "Add", List.of("x"), List.of("a"));
        var cast = node("cast", "Cast", List.of("a"), List.of("c"));
        var softmax = node("softmax", "Softmax", List.of("c"), List.of("s"));
        softmax.setAttribute(Attribute.ofFloat("axis", 1f));
        softmax.setAttribute(Attribute.ofInt("axes", 1));
        var clip = node("clip", "Clip", List.of("", "s"), List.of("y"));
        g.addOutput(g.value("y"));
        assertThat(add).isNotNull();
        assertThat(cast).isNotNull();
        assertThat(clip).isNotNull();
        assertThat(problems()).containsExactly(
                "ERROR graph 'main' / node 'add' (Add): has 1 input but Add-14 takes 2",
                "ERROR graph 'main' / node 'cast' (Cast): required attribute 'to' of Cast-13 is missing: expected a value of type INT",
                "ERROR graph 'main' / node 'softmax' (Softmax) / attribute 'axis': has type FLOAT but Softmax-13 expects INT",
                "ERROR graph 'main' / node 'softmax' (Softmax) / attribute 'axes': is not an attribute of Softmax-13: expected one of axis",
                "ERROR graph 'main' / node 'clip' (Clip): input 0 ('input') is empty but Clip-13 requires it");
    }

    @Test
    void modelLocalFunctionsAreCheckedAgainstTheirOwnImports() {
        var body = new Graph(null, "Twice");
        body.addInput(body.valueOrCreate("a"));
        var n = node(body, "in_body", "Celu", List.of("a"), List.of("b"));
        n.setAttribute(new Attribute("alpha", new dev.loupe.model.AttributeValue.FloatValue(0f), "scale", null,
                dev.loupe.model.AttributeType.FLOAT, dev.loupe.model.Opaque.NONE));
        body.addOutput(body.value("b"));
        var fn = new Function("Twice", "local", body);
        fn.setOpsetImports(List.of(new OpsetId("", 11)));
        model.functions().add(fn);
        model.opsetImports().add(new OpsetId("local", 1));
        var call = g.addNode("call", "Twice", "local");
        call.addInput(g.value("x"));
        call.addInput(g.value("x"));
        call.addOutput(g.valueOrCreate("y"));
        call.setAttribute(Attribute.ofFloat("gain", 2f));
        g.addOutput(g.value("y"));
        assertThat(problems()).containsExactly(
                "ERROR graph 'main' / node 'call' (local.Twice): has 2 inputs but function 'local.Twice' takes 1",
                "WARNING graph 'main' / node 'call' (local.Twice) / attribute 'gain': is not declared by function 'local.Twice': "
                        + "expected one of its attribute parameters",
                "WARNING function 'local.Twice' / opset_import 'ai.onnx': version 11 differs from the model's 15: expected "
                        + "the same version in functions and graph",
                "ERROR function 'local.Twice' / node 'in_body' (Celu): 'Celu' first appears in opset 12 of ai.onnx, but the "
                        + "imported version is 11");
        fn.setOpsetImports(List.of(new OpsetId("", 15)));
        assertThat(problems()).contains("ERROR function 'local.Twice' / node 'in_body' (Celu) / attribute 'alpha': refers to "
                + "attribute 'scale' that function 'local.Twice' does not declare");
    }

    @Test
    void problemsAreSingleLines() {
        var p = Problem.error("graph 'a\nb'", "bad\r\nthing");
        assertThat(p.toString()).isEqualTo("ERROR graph 'a b': bad thing");
    }
}
