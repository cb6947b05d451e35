package dev.loupe.executor.compare;

import dev.loupe.executor.testdata.Tolerance;
import dev.loupe.model.Model;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/// Matching the tensors of two models by name and, where names differ, by structure.
class ValueMatcherTest {

    /// The model with every node and every computed tensor renamed (inputs, outputs and initializers keep
    /// their names), as a re-export by another tool would look.
    private static Model renamed(Model model) {
        var g = model.graph();
        int i = 0;
        for (var node : g.nodes()) {
            node.setName("node" + i++);
            for (var out : new ArrayList<>(node.outputs())) {
                if (out != null && !out.isGraphOutput()) {
                    g.renameValue(out, "t" + i + "_" + out.name().length());
                }
            }
        }
        return model;
    }

    @Test
    void sameNamesMatchByName() {
        var a = Fixture.load("torch_mlp").model().graph();
        var b = Fixture.load("torch_mlp_broken").model().graph();

        var match = ValueMatcher.match(a, b);

        for (var node : a.nodes()) {
            for (var out : node.outputs()) {
                assertThat(match.names()).containsEntry(out.name(), out.name());
            }
        }
        assertThat(match.feeds()).containsEntry("x", "x");
    }

    @Test
    void renamedTensorsMatchByStructure() {
        var a = Fixture.load("torch_mlp").model().graph();
        var b = renamed(Fixture.load("torch_mlp").model()).graph();

        var match = ValueMatcher.match(a, b);

        assertThat(match.names()).containsEntry("/fc1/Gemm_output_0", b.nodes().get(0).output(0).name());
        assertThat(match.names()).containsEntry("/Mul_1_output_0", b.nodes().get(6).output(0).name());
        assertThat(match.names()).containsEntry("/Tanh_output_0", b.nodes().get(7).output(0).name());
        assertThat(match.names()).containsEntry("y", "y");
        assertThat(match.names()).doesNotContainKey("/Constant_1_output_0");  // constants: compared as parameters
    }

    @Test
    void brokenMlpAgainstARenamedOriginalStillDivergesAtTheEditedMul() {
        var broken = Fixture.load("torch_mlp_broken");
        var original = renamed(Fixture.load("torch_mlp").model());

        var report = Comparer.withBuiltinKernels().compare(broken.model(), broken.inputs(),
                new Reference.OtherModel(original), new Tolerance(1e-5, 1e-6), ComparisonMonitor.none());

        assertThat(report.firstDivergent()).hasValueSatisfying(n -> assertThat(n.name()).isEqualTo("/Mul_1"));
        assertThat(report.node("/fc2/Gemm").orElseThrow().outputs().getFirst().observed())
                .isInstanceOf(Discrepancy.Measured.class);
    }

    @Test
    void inputsMatchByPositionWhenNamesDiffer() {
        var a = Fixture.load("torch_mlp").model().graph();
        var other = Fixture.load("torch_mlp").model();
        other.graph().renameValue(other.graph().value("x"), "input");

        var match = ValueMatcher.match(a, other.graph());

        assertThat(match.feeds()).containsEntry("input", "x");
        assertThat(match.names()).containsEntry("x", "input").containsEntry("/Mul_1_output_0", "/Mul_1_output_0");
    }
}
