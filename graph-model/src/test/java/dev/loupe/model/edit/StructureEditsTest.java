package dev.loupe.model.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.OpsetId;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.io.ModelWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/// Replacing a node's operator and duplicating a node: what they keep, what they refuse, and exact undo.
class StructureEditsTest extends InferredMlpEdits {

    /// `x` float[2,4] → Split (axis 1) → `a`, `b`; `b` → Relu → `y` (the graph output).
    static Model splitThenRelu() {
        var g = new Graph(null, "tiny");
        var x = g.valueOrCreate("x");
        x.setType(TypeInfo.tensor(ElementType.FLOAT, 2, 4));
        g.addInput(x);
        var split = g.addNode("split", "Split", "");
        split.addInput(x);
        split.addOutput(g.valueOrCreate("a"));
        split.addOutput(g.valueOrCreate("b"));
        split.setAttribute(Attribute.ofInt("axis", 1));
        var relu = g.addNode("relu", "Relu", "");
        relu.addInput(g.value("b"));
        relu.addOutput(g.valueOrCreate("y"));
        g.value("y").setType(TypeInfo.tensor(ElementType.FLOAT, 2, 2));
        g.addOutput(g.value("y"));
        var m = new Model(g);
        m.setIrVersion(8L);
        m.opsetImports().add(new OpsetId("", 17));
        return m;
    }

    @Test
    void replacingReluBySigmoidKeepsTheWiringAndUndoesExactly() throws Exception {
        var relu = node("/Relu");
        int index = model.graph().nodes().indexOf(relu);
        stack.execute(NodeEdits.replaceOpType(model, relu, "Sigmoid", null));
        var sigmoid = model.graph().nodes().get(index);
        assertThat(sigmoid.opType()).isEqualTo("Sigmoid");
        assertThat(sigmoid.name()).isEqualTo("/Relu");
        assertThat(sigmoid.inputs()).containsExactlyElementsOf(relu.inputs());
        assertThat(sigmoid.output(0).producer()).isSameAs(sigmoid);
        assertThat(sigmoid.output(0).consumers()).extracting(Node::name).containsExactly("/fc2/Gemm");
        stack.undo();
        assertUnchanged();
        assertThat(model.graph().nodes().get(index)).isSameAs(relu);
        stack.redo();
        assertThat(model.graph().nodes().get(index).opType()).isEqualTo("Sigmoid");
    }

    @Test
    void replacingGemmByMatMulDropsTheBiasAndTheAttributesMatMulLacks() throws Exception {
        var gemm = node("/fc1/Gemm");
        var edit = NodeEdits.replaceOpType(model, gemm, "MatMul", "");
        assertThat(edit.description()).isEqualTo("Replace Gemm /fc1/Gemm by MatMul (dropping input 2 'fc1.bias',"
                + " attribute 'alpha', attribute 'beta', attribute 'transB')");
        stack.execute(edit);
        var matmul = node("/fc1/Gemm");
        assertThat(matmul.inputs()).extracting(v -> v.name()).containsExactly("x", "fc1.weight");
        assertThat(matmul.attributes()).isEmpty();
        assertThat(model.graph().value("fc1.bias").consumers()).isEmpty();
        stack.undo();
        assertUnchanged();
    }

    @Test
    void replacingRefusesTypesTheNewOperatorDoesNotTake() throws Exception {
        assertThatThrownBy(() -> NodeEdits.replaceOpType(model, node("/Relu"), "Not", null))
                .isInstanceOf(EditException.class)
                .hasMessage("input 0 '/Mul_output_0' of /Relu is tensor(float) but 'X' of Not-1 takes T in {tensor(bool)}");
        assertThatThrownBy(() -> NodeEdits.replaceOpType(model, node("/Relu"), "Frobnicate", null))
                .hasMessage("'Frobnicate' is not an operator of ai.onnx at opset 13");
        assertThatThrownBy(() -> NodeEdits.replaceOpType(model, node("/Relu"), "Relu", "ai.onnx"))
                .hasMessage("/Relu already is Relu");
        assertThatThrownBy(() -> NodeEdits.replaceOpType(model, node("/Relu"), "Normalizer", "ai.onnx.ml"))
                .hasMessage("the model does not import domain 'ai.onnx.ml'");
        assertUnchanged();
    }

    @Test
    void aRequiredAttributeMustBeGiven() throws Exception {
        var relu = node("/Relu");
        assertThat(NodeEdits.requiredAttributes(model, "Cast", "")).extracting(a -> a.name()).containsExactly("to");
        assertThat(NodeEdits.requiredAttributes(model, "Sigmoid", "")).isEmpty();
        assertThatThrownBy(() -> NodeEdits.replaceOpType(model, relu, "Cast", null))
                .hasMessage("Cast-13 requires attribute 'to' (INT), which /Relu does not have: give its value");
        assertThatThrownBy(() -> NodeEdits.replaceOpType(model, relu, "Cast", null, List.of(Attribute.ofFloat("to", 1))))
                .hasMessage("attribute 'to' of Cast takes INT, not FLOAT");
        assertUnchanged();
        stack.execute(NodeEdits.replaceOpType(model, relu, "Cast", null, List.of(Attribute.ofInt("to", ElementType.FLOAT.code()))));
        assertThat(node("/Relu").intAttr("to", 0)).isEqualTo(1);
        stack.undo();
        assertUnchanged();
    }

    @Test
    void replacingRefusesToLoseAnOutputSomethingReads() throws Exception {
        try (var tiny = splitThenRelu()) {
            var before = ModelWriter.toBytes(tiny);
            var split = tiny.graph().nodes().getFirst();
            assertThatThrownBy(() -> NodeEdits.replaceOpType(tiny, split, "Identity", null))
                    .hasMessage("output 1 'b' of split is read by relu, but Identity-16 has 1 output(s)");
            assertThat(ModelWriter.toBytes(tiny)).isEqualTo(before);
            var relu = tiny.graph().nodes().getLast();
            stack.execute(ValueEdits.reconnect(relu, 0, tiny.graph().value("a")));
            var edit = NodeEdits.replaceOpType(tiny, split, "Identity", null);
            assertThat(edit.description()).isEqualTo("Replace Split split by Identity (dropping output 1 'b', attribute 'axis')");
            stack.execute(edit);
            assertThat(tiny.graph().nodes().getFirst().outputs()).extracting(v -> v.name()).containsExactly("a");
            stack.undo();
            stack.undo();
            assertThat(ModelWriter.toBytes(tiny)).isEqualTo(before);
        }
    }

    @Test
    void replacingAnOperatorThatChangesAUsedOutputTypeIsRefused() {
        assertThatThrownBy(() -> NodeEdits.replaceOpType(model, node("/Relu"), "Shape", null))
                .hasMessage("output 0 '/Relu_output_0' of /Relu is tensor(float) but Shape-13 would make it tensor(int64)");
    }

    @Test
    void duplicateMakesAnUnusedParallelBranch() throws Exception {
        var relu = node("/Relu");
        stack.execute(NodeEdits.duplicate(relu));
        var copy = node("/Relu_copy");
        var nodes = model.graph().nodes();
        assertThat(nodes.indexOf(copy)).isEqualTo(nodes.indexOf(relu) + 1);
        assertThat(copy.inputs()).containsExactlyElementsOf(relu.inputs());
        assertThat(copy.output(0).name()).isEqualTo("/Relu_output_0_copy");
        assertThat(copy.output(0).consumers()).isEmpty();
        assertThat(relu.output(0).consumers()).hasSize(1);
        stack.execute(NodeEdits.duplicate(relu));
        assertThat(node("/Relu_copy_1").output(0).name()).isEqualTo("/Relu_output_0_copy_1");
        stack.undo();
        stack.undo();
        assertUnchanged();
        stack.redo();
        assertThat(node("/Relu_copy").output(0).name()).isEqualTo("/Relu_output_0_copy");
    }

    @Test
    void undoingACreationGivesItsNamesBackToEarlierEdits() throws Exception {
        var relu = node("/Relu");
        var out = relu.output(0);
        stack.execute(ValueEdits.rename(out, "r"));
        stack.execute(NodeEdits.duplicate(relu));
        assertThat(relu.graph().value("r_copy")).isNotNull();
        stack.undo();
        stack.execute(ValueEdits.rename(model.graph().value("x"), "r_copy"));
        stack.undo();
        stack.undo();
        assertUnchanged();
    }

    @Test
    void setAttributeRefusesWithTheSchemasReason() throws Exception {
        var gemm = node("/fc1/Gemm");
        assertThatThrownBy(() -> NodeEdits.setAttribute(model, gemm, Attribute.ofInt("frobnicate", 2)))
                .hasMessage("Gemm has no attribute 'frobnicate' (Gemm-13 takes alpha, beta, transA, transB)");
        assertThatThrownBy(() -> NodeEdits.setAttribute(model, gemm, Attribute.of("alpha", new AttributeValue.Undefined())))
                .hasMessage("attribute 'alpha' of Gemm has no value: expected FLOAT");
        var reference = new Attribute("alpha", new AttributeValue.FloatValue(1), "scale", null,
                dev.loupe.model.AttributeType.FLOAT, dev.loupe.model.Opaque.NONE);
        assertThatThrownBy(() -> NodeEdits.setAttribute(model, gemm, reference))
                .hasMessage("attribute 'alpha' refers to function attribute 'scale', but /fc1/Gemm is not in a function body");
        assertUnchanged();
    }

    @Test
    void addingAnOperatorChecksItAgainstTheSchema() throws Exception {
        var g = model.graph();
        var relu = node("/Relu").output(0);
        var weight = g.value("fc2.weight");
        assertThatThrownBy(() -> NodeEdits.add(model, g, "m", "MatMul", "", List.of(relu), List.of("m"), List.of()))
                .hasMessage("MatMul-13 takes 2 inputs, not 1");
        assertThatThrownBy(() -> NodeEdits.add(model, g, "n", "Not", "", List.of(relu), List.of("n"), List.of()))
                .hasMessage("input 0 '/Relu_output_0' is tensor(float) but 'X' of Not-1 takes T in {tensor(bool)}");
        assertThatThrownBy(() -> NodeEdits.add(model, g, "c", "Cast", "", List.of(relu), List.of("c"), List.of()))
                .hasMessage("Cast-13 requires attribute 'to' (INT)");
        assertThatThrownBy(() -> NodeEdits.add(model, g, "s", "Softmax", "", List.of(relu), List.of("s"),
                List.of(Attribute.ofFloat("axis", 1)))).hasMessage("attribute 'axis' of Softmax takes INT, not FLOAT");
        assertThatThrownBy(() -> NodeEdits.add(model, g, "z", "Zipper", "", List.of(relu), List.of("z"), List.of()))
                .hasMessage("'Zipper' is not an operator of ai.onnx at opset 13");
        assertUnchanged();
        stack.execute(NodeEdits.add(model, g, "m", "MatMul", "", List.of(relu, weight), List.of("m"), List.of()));
        stack.execute(NodeEdits.add(model, g, "custom", "Op", "com.example", List.of(relu), List.of("o"), List.of()));
        assertThat(node("m").inputs()).containsExactly(relu, weight);
        stack.undo();
        stack.undo();
        assertUnchanged();
    }
}
