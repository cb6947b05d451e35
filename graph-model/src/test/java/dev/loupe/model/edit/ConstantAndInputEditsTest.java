package dev.loupe.model.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.ElementType;
import dev.loupe.model.Node;
import dev.loupe.model.TypeInfo;
import org.junit.jupiter.api.Test;

/// Constant nodes to initializers and back, and the main graph's inputs: added, removed, retyped.
class ConstantAndInputEditsTest extends InferredMlpEdits {

    @Test
    void constantBecomesAnInitializerAndBack() throws Exception {
        var constant = node("/Constant");
        var out = constant.output(0);
        var tensor = ((AttributeValue.TensorValue) constant.attribute("value").orElseThrow().value()).value();
        int nodes = model.graph().nodes().size();
        stack.execute(ValueEdits.constantToInitializer(model, constant));
        assertThat(model.graph().nodes()).hasSize(nodes - 1).doesNotContain(constant);
        assertThat(out.isInitializer()).isTrue();
        assertThat(out.initializer().toFloatArray()).containsExactly(tensor.toFloatArray());
        assertThat(out.initializer().dims()).containsExactly(tensor.dims());
        assertThat(out.consumers()).extracting(Node::name).containsExactly("/Mul");

        stack.execute(ValueEdits.initializerToConstant(out));
        var back = model.graph().nodes().getFirst();
        assertThat(back.opType()).isEqualTo("Constant");
        assertThat(back.output(0)).isSameAs(out);
        assertThat(out.isInitializer()).isFalse();
        stack.undo();
        stack.undo();
        assertUnchanged();
        stack.redo();
        stack.redo();
        assertThat(model.graph().nodes().getFirst().opType()).isEqualTo("Constant");
    }

    @Test
    void anInitializerInTheMiddleComesBackToItsPlace() throws Exception {
        var weight = model.graph().value("fc2.weight");
        stack.execute(ValueEdits.initializerToConstant(weight));
        assertThat(model.graph().initializers()).doesNotContain(weight);
        assertThat(weight.producer().name()).isEqualTo("fc2.weight");
        stack.undo();
        assertUnchanged();
    }

    @Test
    void scalarAndListConstantsBecomeTensors() throws Exception {
        var constant = node("/Constant_1");
        stack.execute(NodeEdits.setAttribute(model, constant, Attribute.ofInts("value_ints", 3, 4)));
        stack.execute(NodeEdits.removeAttribute(model, constant, "value"));
        stack.execute(ValueEdits.constantToInitializer(model, constant));
        var tensor = constant.output(0).initializer();
        assertThat(tensor.elementType()).isEqualTo(ElementType.INT64);
        assertThat(tensor.dims()).containsExactly(2);
        assertThat(tensor.toFloatArray()).containsExactly(3f, 4f);
    }

    @Test
    void onlyConstantsAndPlainInitializersConvert() throws Exception {
        assertThatThrownBy(() -> ValueEdits.constantToInitializer(model, node("/Relu")))
                .hasMessage("/Relu is a Relu, not a Constant");
        assertThatThrownBy(() -> ValueEdits.initializerToConstant(model.graph().value("x")))
                .hasMessage("'x' is not an initializer");
        model.graph().addInput(model.graph().value("fc1.bias"));
        assertThatThrownBy(() -> ValueEdits.initializerToConstant(model.graph().value("fc1.bias")))
                .hasMessageStartingWith("'fc1.bias' is also a graph input");
    }

    @Test
    void addAndRemoveGraphInputs() throws Exception {
        var type = TypeInfo.tensor(ElementType.FLOAT, 2, 8);
        assertThatThrownBy(() -> GraphInputEdits.add(model, "fc1.weight", type)).hasMessage("a value named 'fc1.weight' already exists");
        stack.execute(GraphInputEdits.add(model, "extra", type));
        var extra = model.graph().value("extra");
        assertThat(model.graph().inputs()).extracting(v -> v.name()).containsExactly("x", "extra");
        assertThat(extra.type()).isEqualTo(type);
        stack.execute(GraphInputEdits.remove(extra));
        assertThat(model.graph().inputs()).extracting(v -> v.name()).containsExactly("x");
        stack.undo();
        stack.undo();
        assertUnchanged();
    }

    @Test
    void removingAnInputSomethingReadsNamesTheReader() throws Exception {
        assertThatThrownBy(() -> GraphInputEdits.remove(model.graph().value("x")))
                .hasMessage("input 'x' is read by /fc1/Gemm; reconnect or delete them first");
        assertThatThrownBy(() -> GraphInputEdits.remove(model.graph().value("fc1.weight")))
                .hasMessage("'fc1.weight' is not an input of the main graph");
        assertUnchanged();
    }

    @Test
    void anAddedInputDefinesANameThatNodesAlreadyRead() throws Exception {
        var relu = node("/Relu");
        var dangling = model.graph().valueOrCreate("dangling");
        relu.setInput(0, dangling);
        var edit = GraphInputEdits.add(model, "dangling", TypeInfo.tensor(ElementType.FLOAT, 2, 16));
        assertThat(edit.description()).endsWith("(read by 1 node(s))");
        stack.execute(edit);
        assertThat(dangling.isGraphInput()).isTrue();
        stack.undo();
        assertThat(dangling.isGraphInput()).isFalse();
        assertThat(model.graph().value("dangling")).isSameAs(dangling);
    }

    @Test
    void elementTypeChangesThatTheReadersRefuse() throws Exception {
        var x = model.graph().value("x");
        assertThatThrownBy(() -> GraphInputEdits.setElementType(model, x, ElementType.INT64))
                .hasMessage("input 'x' as int64 cannot feed /fc1/Gemm: 'A' of Gemm-13 is T, already bound to tensor(float) by another input");
        assertThatThrownBy(() -> GraphInputEdits.setElementType(model, x, ElementType.BOOL))
                .hasMessageStartingWith("input 'x' as bool cannot feed /fc1/Gemm: 'A' of Gemm-13 takes T in {");
        assertThatThrownBy(() -> GraphInputEdits.setElementType(model, x, ElementType.FLOAT)).hasMessage("input 'x' already is float");
        assertUnchanged();
    }

    @Test
    void elementTypeChangeKeepsTheShape() throws Exception {
        try (var tiny = StructureEditsTest.splitThenRelu()) {
            var x = tiny.graph().value("x");
            stack.execute(GraphInputEdits.setElementType(tiny, x, ElementType.FLOAT16));
            assertThat(x.type()).isEqualTo(TypeInfo.tensor(ElementType.FLOAT16, 2, 4));
            stack.undo();
            assertThat(x.type()).isEqualTo(TypeInfo.tensor(ElementType.FLOAT, 2, 4));
        }
    }
}
