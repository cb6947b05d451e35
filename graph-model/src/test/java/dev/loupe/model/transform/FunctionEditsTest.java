package dev.loupe.model.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.Model;
import dev.loupe.model.check.Checker;
import dev.loupe.model.check.Problem;
import dev.loupe.model.edit.CommandStack;
import dev.loupe.model.edit.EditException;
import dev.loupe.model.io.ModelReader;
import dev.loupe.model.io.ModelWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/// Making functions of selected nodes, replacing other occurrences and inlining, on the two-layer PyTorch
/// transformer encoder.
class FunctionEditsTest {

    private Model model;
    private byte[] original;
    private int originalNodes;
    private final CommandStack stack = new CommandStack();

    @BeforeEach
    void open() throws Exception {
        model = ModelReader.read(Fixtures.TRANSFORMER);
        original = Fixtures.bytes(model);
        originalNodes = model.graph().nodes().size();
    }

    @AfterEach
    void close() {
        model.close();
    }

    private static List<Problem> errors(Model m) {
        return Checker.check(m).stream().filter(Problem::isError).toList();
    }

    @Test
    void encoderLayerBecomesAFunctionAndTheOtherLayerACallToo() throws Exception {
        var layer0 = Fixtures.encoderLayer(model, 0);
        var plan = FunctionEdits.plan(model, layer0, "EncoderLayer", "local");
        assertThat(plan.otherOccurrences()).as("layer 1 has the same structure").isEqualTo(1);
        assertThat(plan.others().getFirst().nodes()).hasSize(layer0.size());
        var body = plan.function().body();
        assertThat(body.inputs()).extracting(v -> v.name())
                .startsWith("src").contains("self_attn/Unsqueeze_output_0", "src_key_padding_mask");
        assertThat(body.outputs()).hasSize(1);
        assertThat(body.nodes()).hasSize(layer0.size());
        assertThat(body.nodes()).extracting(n -> n.name()).contains("norm1/LayerNormalization");

        stack.execute(plan.edit(true));
        var calls = model.graph().nodes().stream().filter(n -> n.opType().equals("EncoderLayer")).toList();
        assertThat(calls).extracting(n -> n.name()).containsExactly("/enc/layers.0", "/enc/layers.1");
        assertThat(model.graph().nodes()).hasSize(originalNodes - 2 * layer0.size() + 2);
        assertThat(model.functions()).hasSize(1);
        assertThat(model.opsetVersion("local")).contains(1L);
        assertThat(errors(model)).isEmpty();

        var saved = Fixtures.bytes(model);
        try (var reloaded = ModelReader.parse(saved)) {
            assertThat(errors(reloaded)).isEmpty();
            assertThat(reloaded.functions().getFirst().body().nodes()).hasSize(layer0.size());
            assertThat(ModelWriter.toBytes(reloaded)).isEqualTo(saved);
        }

        stack.undo();
        assertThat(Fixtures.bytes(model)).isEqualTo(original);
        stack.redo();
        assertThat(Fixtures.bytes(model)).isEqualTo(saved);
    }

    @Test
    void inliningAllCallsGivesBackTheOriginalGraph() throws Exception {
        stack.execute(FunctionEdits.makeFunction(model, Fixtures.encoderLayer(model, 0), "EncoderLayer", "local", true));
        var withCalls = Fixtures.bytes(model);
        stack.execute(FunctionEdits.flatten(model));
        assertThat(model.graph().nodes()).hasSize(originalNodes);
        assertThat(model.functions()).isEmpty();
        assertThat(model.opsetVersion("local")).isEmpty();
        assertThat(errors(model)).isEmpty();
        var layer0Names = new ArrayList<String>();
        try (var fresh = ModelReader.read(Fixtures.TRANSFORMER)) {
            fresh.graph().nodes().stream().filter(n -> n.name().startsWith("/enc/layers.0/")).forEach(n -> layer0Names.add(n.name()));
        }
        var names = model.graph().nodes().stream().map(n -> n.name()).toList();
        assertThat(names).as("layer 0 gets its names back").containsAll(layer0Names).doesNotHaveDuplicates()
                .contains("/enc/layers.1/norm2/LayerNormalization");
        assertThat(model.graph().value("/enc/layers.1/Add_output_0").producer()).isNotNull();

        stack.undo();
        assertThat(Fixtures.bytes(model)).isEqualTo(withCalls);
        stack.undo();
        assertThat(Fixtures.bytes(model)).isEqualTo(original);
    }

    @Test
    void inlineOneCallKeepsTheFunctionForTheOther() throws Exception {
        stack.execute(FunctionEdits.makeFunction(model, Fixtures.encoderLayer(model, 0), "EncoderLayer", "local", true));
        var withCalls = Fixtures.bytes(model);
        var call = Fixtures.node(model, "/enc/layers.1");
        stack.execute(FunctionEdits.inline(model, call, true));
        assertThat(model.functions()).hasSize(1);
        assertThat(model.graph().nodes()).extracting(n -> n.name()).contains("/enc/layers.0", "/enc/layers.1/Add");
        assertThat(errors(model)).isEmpty();
        stack.execute(FunctionEdits.inline(model, Fixtures.node(model, "/enc/layers.0"), true));
        assertThat(model.functions()).isEmpty();
        assertThat(model.graph().nodes()).hasSize(originalNodes);
        stack.undo();
        stack.undo();
        assertThat(Fixtures.bytes(model)).isEqualTo(withCalls);
    }

    @Test
    void replaceOccurrencesOfAnExistingFunction() throws Exception {
        stack.execute(FunctionEdits.makeFunction(model, Fixtures.encoderLayer(model, 0), "EncoderLayer", "local", false));
        assertThat(model.graph().nodes().stream().filter(n -> n.opType().equals("EncoderLayer"))).hasSize(1);
        var edit = FunctionEdits.replaceOccurrences(model, model.functions().getFirst());
        stack.execute(edit);
        assertThat(edit.description()).startsWith("Replace 1 occurrence(s)");
        assertThat(model.graph().nodes().stream().filter(n -> n.opType().equals("EncoderLayer"))).hasSize(2);
        assertThatThrownBy(() -> FunctionEdits.replaceOccurrences(model, model.functions().getFirst()))
                .isInstanceOf(EditException.class).hasMessageContaining("computes what");
        stack.undo();
        stack.undo();
        assertThat(Fixtures.bytes(model)).isEqualTo(original);
    }

    @Test
    void nonConvexSelectionIsRefusedWithTheReason() throws Exception {
        var selection = List.of(Fixtures.node(model, "/enc/layers.0/self_attn/MatMul"),
                Fixtures.node(model, "/enc/layers.0/self_attn/Slice"));
        assertThatThrownBy(() -> FunctionEdits.plan(model, selection, "Broken", "local"))
                .isInstanceOf(EditException.class)
                .hasMessageStartingWith("the selection is not convex: /enc/layers.0/self_attn/Add (not selected) depends on /enc/layers.0/self_attn/MatMul")
                .hasMessageNotContaining("\n");
        assertThat(Fixtures.bytes(model)).isEqualTo(original);
    }

    @Test
    void invalidNamesAndDomainsAreRefused() throws Exception {
        var layer0 = Fixtures.encoderLayer(model, 0);
        assertThatThrownBy(() -> FunctionEdits.plan(model, layer0, "F", "")).hasMessageContaining("domain of its own");
        assertThatThrownBy(() -> FunctionEdits.plan(model, layer0, "F", "ai.onnx")).hasMessageContaining("standard operators");
        assertThatThrownBy(() -> FunctionEdits.plan(model, List.of(), "F", "local")).hasMessage("select at least one node");
        stack.execute(FunctionEdits.makeFunction(model, layer0, "F", "local", false));
        var layer1 = Fixtures.encoderLayer(model, 1);
        assertThatThrownBy(() -> FunctionEdits.plan(model, layer1, "F", "local")).hasMessageContaining("already has a function 'F'");
        assertThatThrownBy(() -> FunctionEdits.inline(model, layer1.getFirst(), true)).hasMessageContaining("does not call a model-local function");
    }

    @Test
    void aSingleNodeFunction() throws Exception {
        var relu = Fixtures.node(model, "/enc/layers.0/Relu");
        var plan = FunctionEdits.plan(model, List.of(relu), "MyRelu", "local");
        assertThat(plan.otherOccurrences()).isEqualTo(1);
        stack.execute(plan.edit(true));
        assertThat(model.graph().nodes()).hasSize(originalNodes);
        assertThat(model.graph().nodes().stream().filter(n -> n.opType().equals("MyRelu"))).hasSize(2);
        assertThat(errors(model)).isEmpty();
        stack.undo();
        assertThat(Fixtures.bytes(model)).isEqualTo(original);
    }
}
