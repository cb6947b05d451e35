package dev.loupe.executor.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.check.Checker;
import dev.loupe.model.check.Problem;
import dev.loupe.model.edit.CommandStack;
import dev.loupe.model.io.ModelReader;
import dev.loupe.model.io.ModelWriter;
import dev.loupe.model.transform.FunctionEdits;
import org.junit.jupiter.api.Test;

/// A transformer encoder layer made into a function, the other layer replaced by a call, saved, reloaded,
/// run; then inlined again and run: the outputs stay those of the original model and of PyTorch.
class FunctionRunTest {

    private static final String FIXTURE = "torch_transformer";

    @Test
    void encoderLayersAsFunctionCallsRunWithTheOriginalOutputs() throws Exception {
        try (var model = ModelReader.read(TransformRuns.model(FIXTURE))) {
            var original = ModelWriter.toBytes(model);
            int originalNodes = model.graph().nodes().size();
            var inputs = TransformRuns.inputs(model, FIXTURE);
            var expected = TransformRuns.expected(model, FIXTURE);
            var before = Equivalence.run(model, inputs);
            assertThat(Equivalence.compare(expected, before, TransformRuns.FIXTURE).equivalent()).isTrue();

            var stack = new CommandStack();
            var plan = FunctionEdits.plan(model, TransformRuns.encoderLayer(model, 0), "EncoderLayer", "local");
            assertThat(plan.otherOccurrences()).isEqualTo(1);
            var made = Equivalence.executeAndCompare(stack, model, plan.edit(true), inputs, TransformRuns.REWRITE);
            assertThat(made.mismatches()).isEmpty();
            assertThat(TransformRuns.count(model, "EncoderLayer")).isEqualTo(2);

            try (var reloaded = ModelReader.parse(ModelWriter.toBytes(model))) {
                assertThat(Checker.check(reloaded).stream().filter(Problem::isError)).isEmpty();
                var after = Equivalence.run(reloaded, inputs);
                assertThat(Equivalence.compare(before, after, TransformRuns.REWRITE).mismatches()).isEmpty();
                assertThat(Equivalence.compare(expected, after, TransformRuns.FIXTURE).mismatches()).isEmpty();
            }

            var inlined = Equivalence.executeAndCompare(stack, model, FunctionEdits.flatten(model), inputs, TransformRuns.REWRITE);
            assertThat(inlined.mismatches()).isEmpty();
            assertThat(model.graph().nodes()).hasSize(originalNodes);
            assertThat(Equivalence.compare(before, Equivalence.run(model, inputs), TransformRuns.REWRITE).equivalent()).isTrue();

            stack.undo();
            stack.undo();
            assertThat(ModelWriter.toBytes(model)).isEqualTo(original);
        }
    }
}
