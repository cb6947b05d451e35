package dev.loupe.model.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.Dim;
import dev.loupe.model.Shape;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.edit.CommandStack;
import dev.loupe.model.edit.EditException;
import dev.loupe.model.io.ModelReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/// `set-shape`: pinning the transformer's symbolic batch and sequence, re-inferring, undoing.
class ShapeEditsTest {

    @Test
    void dimsParseAsSizesSymbolsAndUnknowns() throws Exception {
        assertThat(ShapeEdits.parseDims("x", "batch,3,224,?"))
                .isEqualTo(new Shape(List.of(Dim.symbol("batch"), Dim.of(3), Dim.of(224), Dim.unknown())));
        assertThat(ShapeEdits.parseDims("x", "").rank()).isZero();
        assertThatThrownBy(() -> ShapeEdits.parseDims("x", "2,3.5")).isInstanceOf(EditException.class)
                .hasMessage("dimension '3.5' of 'x' is neither a size, a symbol (a name such as batch) nor ?");
    }

    @Test
    void staticBatchAndSequenceFlowThroughInference() throws Exception {
        try (var model = ModelReader.read(Fixtures.TRANSFORMER)) {
            var original = Fixtures.bytes(model);
            var stack = new CommandStack();
            stack.execute(ShapeEdits.setInputShape(model, "src=2,8,32"));
            stack.execute(ShapeEdits.setInputShape(model, "src_key_padding_mask=2,8"));
            assertThat(model.graph().value("src").type()).hasToString("float[2,8,32]");
            var layerOut = model.graph().value("/enc/layers.0/norm1/LayerNormalization_output_0").inferredType();
            assertThat(((TypeInfo.TensorType) layerOut).shape().isFullyKnown()).isTrue();
            stack.undo();
            stack.undo();
            assertThat(Fixtures.bytes(model)).isEqualTo(original);
            var symbolic = model.graph().value("/enc/layers.0/norm1/LayerNormalization_output_0").inferredType();
            assertThat(((TypeInfo.TensorType) symbolic).shape().isFullyKnown()).as("inference ran again after undo").isFalse();
        }
    }

    @Test
    void badRequestsAreRefused() throws Exception {
        try (var model = ModelReader.read(Fixtures.TRANSFORMER)) {
            assertThatThrownBy(() -> ShapeEdits.setInputShape(model, "src"))
                    .hasMessage("expected NAME=DIMS (e.g. x=batch,3,224,224), got 'src'");
            assertThatThrownBy(() -> ShapeEdits.setInputShape(model, "tokens=1,2"))
                    .hasMessage("'tokens' is not an input of the main graph (inputs: src, src_key_padding_mask)");
            assertThatThrownBy(() -> ShapeEdits.setInputShape(model, "src=batch,seq,32"))
                    .hasMessage("input 'src' already has shape [batch,seq,32]");
        }
    }

    @Test
    void oneDimensionMadeFixedThenSymbolicAgain() throws Exception {
        try (var model = ModelReader.read(Fixtures.TRANSFORMER)) {
            var original = Fixtures.bytes(model);
            var src = model.graph().value("src");
            var stack = new CommandStack();
            stack.execute(ShapeEdits.setInputDim(model, src, 0, Dim.of(4)));
            assertThat(src.type()).hasToString("float[4,seq,32]");
            stack.execute(ShapeEdits.setInputDim(model, src, 0, Dim.symbol("n")));
            assertThat(src.type()).hasToString("float[n,seq,32]");
            assertThatThrownBy(() -> ShapeEdits.setInputDim(model, src, 3, Dim.of(1)))
                    .hasMessage("input 'src' has rank 3, so no axis 3");
            stack.undo();
            stack.undo();
            assertThat(Fixtures.bytes(model)).isEqualTo(original);
        }
    }
}
