package dev.loupe.model.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.Value;
import dev.loupe.model.check.Checker;
import dev.loupe.model.check.Problem;
import dev.loupe.model.edit.EditException;
import dev.loupe.model.io.ModelReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/// Merging two models (`onnx.compose.merge_models` semantics): the transformer fed into itself.
class ModelMergeTest {

    private static final List<ModelMerge.Connection> CHAIN = List.of(new ModelMerge.Connection("output", "src"));

    @Test
    void theTransformerFedIntoItself() throws Exception {
        try (var a = ModelReader.read(Fixtures.TRANSFORMER); var b = ModelReader.read(Fixtures.TRANSFORMER)) {
            var before = Fixtures.bytes(a);
            var merged = ModelMerge.merge(a, b, CHAIN, "first", "second");
            var g = merged.graph();
            assertThat(g.nodes()).hasSize(2 * a.graph().nodes().size());
            assertThat(g.inputs()).extracting(Value::name)
                    .containsExactly("firstsrc", "firstsrc_key_padding_mask", "secondsrc_key_padding_mask");
            assertThat(g.outputs()).extracting(Value::name).containsExactly("secondoutput");
            assertThat(g.initializers()).hasSize(2 * a.graph().initializers().size());
            var fed = g.value("firstoutput");
            assertThat(fed.producer().name()).startsWith("first/");
            assertThat(fed.consumers()).isNotEmpty().allSatisfy(n -> assertThat(n.name()).startsWith("second/"));
            assertThat(g.value("secondsrc")).isNull();
            assertThat(merged.opsetImports()).isEqualTo(a.opsetImports());
            assertThat(Checker.check(merged)).noneMatch(p -> p.severity() == Problem.Severity.ERROR);
            assertThat(Fixtures.bytes(a)).as("the sources are not modified").isEqualTo(before);
        }
    }

    @Test
    void sharedNamesConflictingOpsetsAndUnknownEndsAreRefused() throws Exception {
        try (var a = ModelReader.read(Fixtures.TRANSFORMER); var b = ModelReader.read(Fixtures.TRANSFORMER);
             var mlp = ModelReader.read(Fixtures.MLP)) {
            assertThatThrownBy(() -> ModelMerge.merge(a, b, CHAIN, null, null)).isInstanceOf(EditException.class)
                    .hasMessageStartingWith("both models use the value names ").hasMessageEndingWith("more: give a prefix to one of them");
            assertThatThrownBy(() -> ModelMerge.merge(mlp, a, List.of(new ModelMerge.Connection("y", "src")), "m", "t"))
                    .hasMessage("the models import ai.onnx at different versions (13 and 17): convert one to the other's opset first");
            assertThatThrownBy(() -> ModelMerge.merge(a, b, List.of(new ModelMerge.Connection("src", "src")), "1", "2"))
                    .hasMessage("'src' is not an output of the first model (outputs: output)");
            assertThatThrownBy(() -> ModelMerge.merge(a, b, List.of(new ModelMerge.Connection("output", "x")), "1", "2"))
                    .hasMessage("'x' is not an input of the second model (inputs: src, src_key_padding_mask)");
            assertThatThrownBy(() -> ModelMerge.merge(a, b,
                    List.of(new ModelMerge.Connection("output", "src_key_padding_mask")), "1", "2"))
                    .hasMessage("cannot connect 'output' (float) to 'src_key_padding_mask' (bool)");
            assertThatThrownBy(() -> ModelMerge.Connection.parse("output")).hasMessageStartingWith("expected OUTPUT=INPUT");
        }
    }
}
