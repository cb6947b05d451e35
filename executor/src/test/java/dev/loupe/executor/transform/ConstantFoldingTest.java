package dev.loupe.executor.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.check.Checker;
import dev.loupe.model.check.Problem;
import dev.loupe.model.edit.CommandStack;
import dev.loupe.model.edit.EditException;
import dev.loupe.model.io.ModelReader;
import dev.loupe.model.io.ModelWriter;
import dev.loupe.model.transform.ShapeEdits;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Constant folding on the PyTorch exports: with symbolic batch and sequence only constants fold; with
/// the shapes pinned the `Shape → Gather → Unsqueeze → Concat` chains fold away. Outputs stay the same.
class ConstantFoldingTest {

    @TempDir
    Path dir;

    @Test
    void pinnedShapesLetTheShapeChainsOfTheTransformerFoldAway() throws Exception {
        try (var model = ModelReader.read(TransformRuns.model("torch_transformer"))) {
            var original = ModelWriter.toBytes(model);
            var inputs = TransformRuns.inputs(model, "torch_transformer");
            var stack = new CommandStack();
            stack.execute(ShapeEdits.setInputShape(model, "src=2,8,32"));
            stack.execute(ShapeEdits.setInputShape(model, "src_key_padding_mask=2,8"));
            int nodesBefore = model.graph().nodes().size();
            assertThat(TransformRuns.count(model, "Shape")).isEqualTo(19);

            var plan = ConstantFolding.plan(model);
            var report = Equivalence.executeAndCompare(stack, model, plan.edit(), inputs, TransformRuns.FIXTURE);
            assertThat(report.mismatches()).isEmpty();
            assertThat(TransformRuns.count(model, "Shape")).isZero();
            assertThat(TransformRuns.count(model, "Gather")).isZero();
            assertThat(TransformRuns.count(model, "Concat")).isZero();
            assertThat(TransformRuns.count(model, "Unsqueeze")).isZero();
            assertThat(model.graph().nodes().size()).isLessThan(nodesBefore / 2);
            System.out.printf("transformer, static shapes: %d -> %d nodes, %d folded into %d initializers, %d skipped%n",
                    nodesBefore, model.graph().nodes().size(), plan.folded().size(), plan.initializers().size(), plan.skipped().size());
            assertThat(Checker.check(model).stream().filter(Problem::isError)).isEmpty();
            var file = dir.resolve("static-folded.onnx");
            ModelWriter.write(model, file);
            assertThat(FoldFileTest.officialCheck(file)).isEmpty();
            assertThat(Equivalence.compare(TransformRuns.expected(model, "torch_transformer"),
                    Equivalence.run(model, inputs), TransformRuns.FIXTURE).mismatches()).isEmpty();

            while (stack.canUndo()) {
                stack.undo();
            }
            assertThat(ModelWriter.toBytes(model)).isEqualTo(original);
        }
    }

    @Test
    void symbolicDimensionsStopFoldingButConstantsStillFold() throws Exception {
        try (var model = ModelReader.read(TransformRuns.model("torch_transformer"))) {
            var inputs = TransformRuns.inputs(model, "torch_transformer");
            int nodesBefore = model.graph().nodes().size();
            var plan = ConstantFolding.plan(model);
            var report = Equivalence.executeAndCompare(new CommandStack(), model, plan.edit(), inputs, TransformRuns.FIXTURE);
            assertThat(report.mismatches()).isEmpty();
            assertThat(TransformRuns.count(model, "Shape")).as("every Shape reads a tensor of symbolic shape").isEqualTo(19);
            assertThat(TransformRuns.count(model, "ConstantOfShape")).as("those of a constant shape fold").isEqualTo(3);
            assertThat(model.graph().nodes().size()).isLessThan(nodesBefore);
            System.out.printf("transformer, symbolic shapes: %d -> %d nodes, %d folded into %d initializers%n",
                    nodesBefore, model.graph().nodes().size(), plan.folded().size(), plan.initializers().size());
        }
        try (var model = ModelReader.read(TransformRuns.model("torch_gpt_decoder"))) {
            assertThatThrownBy(() -> ConstantFolding.plan(model)).as("exported with constant folding: only shape chains are left")
                    .isInstanceOf(EditException.class).hasMessage("nothing to fold: no node computes from constants only");
        }
    }

    @Test
    void theGptDecoderWithStaticShapesFoldsItsShapeChains() throws Exception {
        try (var model = ModelReader.read(TransformRuns.model("torch_gpt_decoder"))) {
            var inputs = TransformRuns.inputs(model, "torch_gpt_decoder");
            var stack = new CommandStack();
            stack.execute(ShapeEdits.setInputShape(model, "tokens=2,8"));
            int nodesBefore = model.graph().nodes().size();
            var plan = ConstantFolding.plan(model);
            assertThat(Equivalence.executeAndCompare(stack, model, plan.edit(), inputs, TransformRuns.GPT).mismatches()).isEmpty();
            assertThat(TransformRuns.count(model, "Shape")).isZero();
            assertThat(TransformRuns.count(model, "Concat")).isZero();
            assertThat(Equivalence.compare(TransformRuns.expected(model, "torch_gpt_decoder"),
                    Equivalence.run(model, inputs), TransformRuns.GPT).mismatches()).isEmpty();
            System.out.printf("gpt decoder, static shapes: %d -> %d nodes, %d folded%n",
                    nodesBefore, model.graph().nodes().size(), plan.folded().size());
        }
    }

    @Test
    void aModelWithoutConstantWorkIsRefused() throws Exception {
        try (var model = ModelReader.read(TransformRuns.model("torch_resnet_block"))) {
            assertThatThrownBy(() -> ConstantFolding.plan(model)).isInstanceOf(EditException.class)
                    .hasMessageStartingWith("nothing to fold");
        }
    }
}
