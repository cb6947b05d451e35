package dev.loupe.model.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.TypeInfo;
import dev.loupe.model.check.Checker;
import dev.loupe.model.check.Problem;
import dev.loupe.model.edit.EditException;
import dev.loupe.model.io.ModelReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/// Extracting subgraphs of the ResNet export, `onnx.utils.extract_model` style.
class ExtractionTest {

    @Test
    void oneResidualBlockBecomesAModelOfItsOwn() throws Exception {
        try (var model = ModelReader.read(Fixtures.RESNET)) {
            var before = Fixtures.bytes(model);
            var block = Extraction.extract(model, List.of("/layer1/Relu_1_output_0"), List.of("/layer2/Relu_1_output_0"));
            var g = block.graph();
            assertThat(g.nodes()).hasSize(9).allMatch(n -> n.name().startsWith("/layer2/"));
            assertThat(g.inputs()).extracting(v -> v.name()).containsExactly("/layer1/Relu_1_output_0");
            assertThat(g.inputs().getFirst().type()).hasToString("float[1,8,32,32]");
            assertThat(g.outputs().getFirst().type()).isInstanceOf(TypeInfo.TensorType.class);
            assertThat(g.initializers()).hasSize(3 + 3 * 4).allMatch(v -> v.name().startsWith("layer2."));
            assertThat(block.opsetImports()).isEqualTo(model.opsetImports());
            assertThat(Checker.check(block).stream().filter(Problem::isError)).isEmpty();
            try (var reloaded = ModelReader.parse(Fixtures.bytes(block))) {
                assertThat(reloaded.graph().nodes()).hasSize(9);
            }
            assertThat(Fixtures.bytes(model)).as("the source is untouched").isEqualTo(before);
        }
    }

    @Test
    void theWholeGraphIsItsOwnExtract() throws Exception {
        try (var model = ModelReader.read(Fixtures.RESNET)) {
            var all = Extraction.extract(model, List.of("input"), List.of("logits"));
            assertThat(all.graph().nodes()).hasSize(model.graph().nodes().size());
            assertThat(all.graph().initializers()).hasSize(model.graph().initializers().size());
        }
    }

    @Test
    void unknownNamesAndUncomputableOutputsAreRefused() throws Exception {
        try (var model = ModelReader.read(Fixtures.RESNET)) {
            assertThatThrownBy(() -> Extraction.extract(model, List.of("input"), List.of("nope")))
                    .isInstanceOf(EditException.class).hasMessage("unknown output 'nope': the main graph has no value of that name");
            assertThatThrownBy(() -> Extraction.extract(model, List.of("/layer2/Relu_output_0"), List.of("/layer2/Add_output_0")))
                    .isInstanceOf(EditException.class)
                    .hasMessage("output '/layer2/Add_output_0' cannot be computed from the given inputs: it needs 'input',"
                            + " which is neither one of them nor an initializer");
            assertThatThrownBy(() -> Extraction.extract(model, List.of("input"), List.of()))
                    .hasMessage("choose at least one output to extract");
        }
    }
}
