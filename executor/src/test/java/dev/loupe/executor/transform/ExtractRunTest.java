package dev.loupe.executor.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.io.ModelReader;
import dev.loupe.model.io.ModelWriter;
import dev.loupe.model.transform.Extraction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// Subgraphs extracted from the ResNet export run, and chained they compute what the whole model does.
class ExtractRunTest {

    private static final String FIXTURE = "torch_resnet_block";

    @Test
    void extractedBlocksRunAndComposeToTheWholeModel() throws Exception {
        try (var model = ModelReader.read(TransformRuns.model(FIXTURE))) {
            var inputs = TransformRuns.inputs(model, FIXTURE);
            var whole = Equivalence.run(model, inputs);
            var stemAndLayer1 = Extraction.extract(model, List.of("input"), List.of("/layer1/Relu_1_output_0"));
            var middle = Extraction.extract(model, List.of("/layer1/Relu_1_output_0"), List.of("/layer3/Relu_1_output_0"));
            var head = Extraction.extract(model, List.of("/layer3/Relu_1_output_0"), List.of("logits"));
            assertThat(stemAndLayer1.graph().nodes().size() + middle.graph().nodes().size() + head.graph().nodes().size())
                    .isEqualTo(model.graph().nodes().size());

            var first = Equivalence.run(stemAndLayer1, inputs);
            var second = Equivalence.run(ModelReader.parse(ModelWriter.toBytes(middle)), first);
            var logits = Equivalence.run(head, second);
            assertThat(Equivalence.compare(whole, logits, TransformRuns.REWRITE).mismatches()).isEmpty();
            assertThat(Equivalence.compare(TransformRuns.expected(model, FIXTURE), logits, TransformRuns.FIXTURE).equivalent()).isTrue();
            assertThat(Equivalence.compare(Map.of("logits", whole.get("logits")), Map.of(), TransformRuns.REWRITE).mismatches())
                    .singleElement().hasToString("output 'logits': missing after the rewrite");
        }
    }
}
