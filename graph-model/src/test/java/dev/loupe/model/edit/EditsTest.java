package dev.loupe.model.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.io.ModelReader;
import dev.loupe.model.io.ModelWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/// Each edit does what it says, undoes exactly, and refuses invalid changes with the model unchanged.
class EditsTest {

    static final Path MLP = Path.of("../src/test/resources/fixtures/torch_mlp/model.onnx");

    private Model model;
    private byte[] original;
    private final CommandStack stack = new CommandStack();

    @BeforeEach
    void open() throws Exception {
        model = ModelReader.read(MLP);
        original = ModelWriter.toBytes(model);
    }

    @AfterEach
    void close() {
        model.close();
    }

    private Node node(String name) {
        return model.graph().nodes().stream().filter(n -> name.equals(n.name())).findFirst().orElseThrow();
    }

    private void assertUnchanged() throws Exception {
        assertThat(java.util.Arrays.equals(ModelWriter.toBytes(model), original)).as("model bytes unchanged").isTrue();
    }

    @Test
    void setAttributeAndUndo() throws Exception {
        var gemm = node("/fc1/Gemm");
        stack.execute(NodeEdits.setAttribute(model, gemm, Attribute.ofFloat("alpha", 2f)));
        assertThat(gemm.floatAttr("alpha", 1f)).isEqualTo(2f);
        assertThat(stack.isDirty()).isTrue();
        stack.undo();
        assertUnchanged();
        assertThat(stack.isDirty()).isFalse();
        stack.redo();
        assertThat(gemm.floatAttr("alpha", 1f)).isEqualTo(2f);
    }

    @Test
    void attributeOfTheWrongTypeOrUnknownIsRefused() throws Exception {
        var gemm = node("/fc1/Gemm");
        assertThatThrownBy(() -> NodeEdits.setAttribute(model, gemm, Attribute.ofInt("alpha", 2)))
                .isInstanceOf(EditException.class).hasMessage("attribute 'alpha' of Gemm takes FLOAT, not INT");
        assertThatThrownBy(() -> NodeEdits.setAttribute(model, gemm, Attribute.ofInt("frobnicate", 2)))
                .hasMessageStartingWith("Gemm has no attribute 'frobnicate'");
        assertUnchanged();
    }

    @Test
    void deletingANodeWhoseOutputIsUsedOrIsAGraphOutputIsRefused() throws Exception {
        assertThatThrownBy(() -> NodeEdits.delete(node("/Relu"))).isInstanceOf(EditException.class).hasMessageContaining("is used by 1 node");
        assertThatThrownBy(() -> NodeEdits.delete(node("/fc3/Gemm"))).hasMessageContaining("is a graph output");
        assertThatThrownBy(() -> NodeEdits.deleteWithDescendants(node("/Relu"))).hasMessageContaining("would remove graph output");
        assertUnchanged();
    }

    @Test
    void reconnectRefusesCycles() throws Exception {
        var relu = node("/Relu");
        var later = node("/Tanh").output(0);
        assertThatThrownBy(() -> ValueEdits.reconnect(relu, 0, later)).hasMessageContaining("would make a cycle");
        assertUnchanged();
    }

    @Test
    void promoteIntermediateValueToOutputAndRenameIt() throws Exception {
        var relu = node("/Relu").output(0);
        assertThatThrownBy(() -> ValueEdits.addGraphOutput(relu)).hasMessageContaining("no type is known");
        dev.loupe.model.infer.ShapeInference.infer(model);
        stack.execute(ValueEdits.addGraphOutput(relu));
        assertThat(relu.type()).as("the inferred type is declared").isEqualTo(relu.inferredType());
        stack.execute(ValueEdits.rename(relu, "hidden"));
        assertThat(model.graph().outputs()).extracting(v -> v.name()).contains("hidden");
        assertThat(node("/fc2/Gemm").input(0).name()).isEqualTo("hidden");
        assertThatThrownBy(() -> ValueEdits.rename(relu, model.graph().inputs().getFirst().name())).hasMessageContaining("already exists");
        stack.undo();
        stack.undo();
        assertUnchanged();
    }

    @Test
    void changeInputShapeToSymbolicBatch() throws Exception {
        var input = model.graph().inputs().getFirst();
        var type = (TypeInfo.TensorType) input.type();
        var dims = new java.util.ArrayList<>(type.shape().dims());
        dims.set(0, dev.loupe.model.Dim.symbol("batch"));
        stack.execute(ValueEdits.setType(input, new TypeInfo.TensorType(ElementType.FLOAT, new dev.loupe.model.Shape(dims))));
        assertThat(input.type().toString()).startsWith("float[batch,");
        stack.undo();
        assertUnchanged();
    }

    @Test
    void addNodeThenUndo() throws Exception {
        var relu = node("/Relu").output(0);
        stack.execute(NodeEdits.add(model.graph(), "extra", "Sigmoid", null, List.of(relu), List.of("sig"), List.of()));
        assertThat(model.graph().value("sig").producer().opType()).isEqualTo("Sigmoid");
        assertThatThrownBy(() -> NodeEdits.add(model.graph(), "x", "Relu", null, List.of(relu), List.of("sig"), List.of()))
                .hasMessageContaining("already exists");
        stack.undo();
        assertUnchanged();
        stack.redo();
        assertThat(model.graph().value("sig").producer().name()).isEqualTo("extra");
    }

    @Test
    void anEditCannotRunAnotherEdit() {
        var nested = new SimpleEdit("outer", () -> stack.execute(new SimpleEdit("inner", () -> { }, () -> { })), () -> { });
        assertThatThrownBy(() -> stack.execute(nested)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void dirtyFlagFollowsTheSavedPoint() throws Exception {
        var gemm = node("/fc1/Gemm");
        stack.execute(NodeEdits.setAttribute(model, gemm, Attribute.ofFloat("alpha", 2f)));
        stack.markSaved();
        assertThat(stack.isDirty()).isFalse();
        stack.undo();
        assertThat(stack.isDirty()).isTrue();
        stack.execute(NodeEdits.rename(gemm, "other"));
        assertThat(stack.isDirty()).as("the saved state can no longer be reached").isTrue();
        assertThat(stack.history()).containsExactly("Rename node '/fc1/Gemm' to 'other'");
    }
}
