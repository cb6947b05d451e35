package dev.loupe.it.ort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.executor.transform.FoldFile;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.TensorData;
import dev.loupe.model.edit.CommandStack;
import dev.loupe.model.edit.NodeEdits;
import dev.loupe.model.edit.ValueEdits;
import dev.loupe.model.infer.ShapeInference;
import dev.loupe.model.io.ModelReader;
import dev.loupe.model.transform.Extraction;
import dev.loupe.model.transform.FunctionEdits;
import dev.loupe.model.transform.ModelMerge;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The PyTorch transformer fixture, edited and saved, run in ONNX Runtime on the fixture's inputs: every
/// edit that preserves meaning gives the outputs ORT computes for the original file, which in turn match
/// the outputs PyTorch recorded.
class EditedModelsRunInOrtTest {

    static final Path FIXTURE = Path.of("../src/test/resources/fixtures/torch_transformer");
    static final Path MODEL = FIXTURE.resolve("model.onnx");
    static final double RTOL = 1e-4;
    static final double ATOL = 1e-5;

    static Map<String, TensorData> inputs;
    static OrtRunner.Output original;

    @TempDir
    Path dir;

    @BeforeAll
    static void runTheOriginal() throws Exception {
        inputs = new LinkedHashMap<>();
        inputs.put("src", OrtRunner.read(FIXTURE.resolve("test_data_set_0/input_0.pb")));
        inputs.put("src_key_padding_mask", OrtRunner.read(FIXTURE.resolve("test_data_set_0/input_1.pb")));
        try (var model = ModelReader.read(MODEL)) {
            original = OrtRunner.run(model, inputs).get("output");
        }
        var torch = OrtRunner.read(FIXTURE.resolve("test_data_set_0/output_0.pb"));
        var expected = new OrtRunner.Output(torch.dims(), torch.toFloatArray());
        assertThat(OrtRunner.worstExcess(original, expected, RTOL)).as("ORT reproduces PyTorch").isLessThanOrEqualTo(ATOL);
    }

    private static void assertSameOutput(Model edited, String what) throws Exception {
        var out = OrtRunner.run(edited, inputs).get("output");
        assertThat(OrtRunner.worstExcess(out, original, RTOL)).as(what).isLessThanOrEqualTo(ATOL);
    }

    /// The nodes of encoder layer `k`: those named `/enc/layers.k/...` that no other layer reads, plus the
    /// unscoped `Constant` nodes only they read.
    static List<Node> encoderLayer(Model model, int k) {
        var prefix = "/enc/layers." + k + "/";
        var layer = new ArrayList<Node>();
        for (var n : model.graph().nodes()) {
            boolean readElsewhere = n.outputs().stream().flatMap(v -> v.consumers().stream())
                    .anyMatch(c -> c.name() != null && c.name().startsWith("/enc/layers.") && !c.name().startsWith(prefix));
            if (n.name() != null && n.name().startsWith(prefix) && !readElsewhere) {
                layer.add(n);
            }
        }
        layer.removeIf(n -> n.opType().equals("Constant") && !layer.containsAll(n.output(0).consumers()));
        for (var n : model.graph().nodes()) {
            if (n.opType().equals("Constant") && !layer.contains(n) && !n.output(0).consumers().isEmpty()
                    && layer.containsAll(n.output(0).consumers())) {
                layer.add(n);
            }
        }
        return layer;
    }

    @Test
    void layerOneAsAFunctionCalledTwiceThenInlinedBack() throws Exception {
        try (var model = ModelReader.read(MODEL)) {
            var stack = new CommandStack();
            var plan = FunctionEdits.plan(model, encoderLayer(model, 1), "EncoderLayer", "local");
            assertThat(plan.otherOccurrences()).as("layer 0 has the same structure").isEqualTo(1);
            stack.execute(plan.edit(true));
            assertThat(model.graph().nodes().stream().filter(n -> n.opType().equals("EncoderLayer"))).hasSize(2);
            assertSameOutput(model, "two calls of the layer function");
            stack.execute(FunctionEdits.flatten(model));
            assertThat(model.functions()).isEmpty();
            assertSameOutput(model, "inlined back");
        }
    }

    @Test
    void constantFolding() throws Exception {
        var folded = dir.resolve("folded.onnx");
        var outcome = FoldFile.fold(MODEL, folded);
        assertThat(outcome.nodesAfter()).isLessThan(outcome.nodesBefore());
        try (var model = ModelReader.read(folded)) {
            assertSameOutput(model, "folded: " + outcome.summary());
        }
    }

    @Test
    void constantsAsInitializersAndBack() throws Exception {
        try (var model = ModelReader.read(MODEL)) {
            var stack = new CommandStack();
            for (var n : List.copyOf(model.graph().nodes())) {
                if (n.opType().equals("Constant")) {
                    stack.execute(ValueEdits.constantToInitializer(model, n));
                }
            }
            assertThat(model.graph().nodes()).noneMatch(n -> n.opType().equals("Constant"));
            assertSameOutput(model, "Constant nodes as initializers");
            for (var v : List.copyOf(model.graph().initializers())) {
                stack.execute(ValueEdits.initializerToConstant(v));
            }
            assertThat(model.graph().initializers()).isEmpty();
            assertSameOutput(model, "every initializer a Constant node");
        }
    }

    @Test
    void extractTheFirstLayerAndCompareWithItsValueInTheWholeModel() throws Exception {
        var cut = "/enc/layers.0/norm2/LayerNormalization_output_0";
        try (var model = ModelReader.read(MODEL)) {
            var part = Extraction.extract(model, List.of("src", "src_key_padding_mask"), List.of(cut));
            var partOut = OrtRunner.run(part, inputs).get(cut);
            ShapeInference.infer(model);
            new CommandStack().execute(ValueEdits.addGraphOutput(model.graph().value(cut)));
            var whole = OrtRunner.run(model, inputs);
            assertThat(OrtRunner.worstExcess(whole.get("output"), original, RTOL)).as("promoting a value changes nothing")
                    .isLessThanOrEqualTo(ATOL);
            assertThat(part.graph().nodes().size()).isLessThan(model.graph().nodes().size() / 2 + 10);
            assertThat(OrtRunner.worstExcess(partOut, whole.get(cut), RTOL)).as("extracted layer 0").isLessThanOrEqualTo(ATOL);
        }
    }

    @Test
    void theTransformerMergedIntoItselfRunsLikeTwoRuns() throws Exception {
        try (var a = ModelReader.read(MODEL); var b = ModelReader.read(MODEL)) {
            var merged = ModelMerge.merge(a, b, List.of(new ModelMerge.Connection("output", "src")), "a/", "b/");
            var mask = inputs.get("src_key_padding_mask");
            var fed = TensorData.ofFloats("src", original.shape(), original.values());
            var twice = OrtRunner.run(a, Map.of("src", fed, "src_key_padding_mask", mask)).get("output");
            var run = OrtRunner.run(merged,
                    Map.of("a/src", inputs.get("src"), "a/src_key_padding_mask", mask, "b/src_key_padding_mask", mask));
            assertThat(OrtRunner.worstExcess(run.get("b/output"), twice, RTOL)).isLessThanOrEqualTo(ATOL);
            assertThat(OrtRunner.worstExcess(run.get("b/output"), original, RTOL)).as("the second pass changes the values")
                    .isGreaterThan(ATOL);
        }
    }

    @Test
    void aDuplicatedNodeTakingOverTheConsumersOfTheOriginal() throws Exception {
        try (var model = ModelReader.read(MODEL)) {
            var stack = new CommandStack();
            var softmax = model.graph().nodes().stream().filter(n -> n.opType().equals("Softmax")).findFirst().orElseThrow();
            stack.execute(NodeEdits.duplicate(softmax));
            var copy = model.graph().nodes().get(model.graph().nodes().indexOf(softmax) + 1).output(0);
            for (var reader : List.copyOf(softmax.output(0).consumers())) {
                for (int slot = 0; slot < reader.inputs().size(); slot++) {
                    if (reader.input(slot) == softmax.output(0)) {
                        stack.execute(ValueEdits.reconnect(reader, slot, copy));
                    }
                }
            }
            assertThat(softmax.output(0).consumers()).isEmpty();
            stack.execute(NodeEdits.delete(softmax));
            assertSameOutput(model, "the duplicate in place of the original");
        }
    }

    @Test
    void anEditThatChangesMeaningIsCaught() throws Exception {
        try (var model = ModelReader.read(MODEL)) {
            var relu = model.graph().nodes().stream().filter(n -> n.opType().equals("Relu")).findFirst().orElseThrow();
            new CommandStack().execute(NodeEdits.replaceOpType(model, relu, "Sigmoid", null));
            var out = OrtRunner.run(model, inputs).get("output");
            assertThat(OrtRunner.worstExcess(out, original, RTOL)).isGreaterThan(ATOL);
        }
    }
}
