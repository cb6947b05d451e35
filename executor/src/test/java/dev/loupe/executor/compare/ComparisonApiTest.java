package dev.loupe.executor.compare;

import dev.loupe.executor.kernel.CancelledException;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.testdata.Tolerance;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/// The comparer's contract beyond the numbers: prepared reuse, progress and cancellation, the backend hook,
/// subgraphs, and the two renderings.
class ComparisonApiTest {

    private static final Tolerance TOL = new Tolerance(1e-5, 1e-6);

    @Test
    void aPreparedComparisonRunsAgainOnNewInputs() {
        var mlp = Fixture.load("torch_mlp");
        var prepared = Comparer.withBuiltinKernels().prepare(mlp.model(), new Reference.Float64Shadow());

        var first = prepared.run(mlp.inputs(), TOL, ComparisonMonitor.none());
        var x = (Tensor) mlp.inputs().get("x");
        var doubled = x.floats().clone();
        for (int i = 0; i < doubled.length; i++) {
            doubled[i] *= 2;
        }
        var second = prepared.run(Map.of("x", Tensor.ofFloats(x.shape(), doubled)), TOL, ComparisonMonitor.none());

        assertThat(first.passed()).isTrue();
        assertThat(second.passed()).isTrue();
        assertThat(second.nodes()).hasSameSizeAs(first.nodes());
        var a = ((Discrepancy.Measured) first.outputs().getFirst().discrepancy()).metrics();
        var b = ((Discrepancy.Measured) second.outputs().getFirst().discrepancy()).metrics();
        assertThat(a.maxAbsError()).isNotEqualTo(b.maxAbsError());
    }

    @Test
    void progressIsReportedPerNodeAndCancelStopsTheComparison() {
        var mlp = Fixture.load("torch_mlp");
        var phases = new ArrayList<ComparisonMonitor.Phase>();
        var monitor = new ComparisonMonitor() {
            @Override
            public void progress(Phase phase, int nodesDone, int nodesTotal) {
                phases.add(phase);
            }

            @Override
            public boolean isCancelled() {
                return phases.size() >= 3;
            }
        };

        assertThatThrownBy(() -> Comparer.withBuiltinKernels().compare(mlp.model(), mlp.inputs(),
                new Reference.Float64Shadow(), TOL, monitor)).isInstanceOf(CancelledException.class);
        assertThat(phases).hasSize(3).containsOnly(ComparisonMonitor.Phase.REFERENCE);
    }

    @Test
    void aBackendReferenceIsComparedByTensorName() {
        var mlp = Fixture.load("torch_mlp");
        Reference.Runner runner = (model, inputs) -> {
            var out = new HashMap<String, RuntimeValue>(Session.create(model).run(inputs).outputs());
            var relu = (Tensor) Session.create(model).run(inputs).output("y");
            out.put("/Relu_output_0", Tensor.ofFloats(new long[] {1}, 0f));       // wrong shape on purpose
            out.put("y", relu);
            return out;
        };

        var report = Comparer.withBuiltinKernels().compare(mlp.model(), mlp.inputs(),
                new Reference.Backend("same engine", runner), TOL, ComparisonMonitor.none());

        assertThat(report.reference()).isEqualTo("backend same engine");
        assertThat(report.passed()).isTrue();
        assertThat(report.node("/Relu").orElseThrow().outputs().getFirst().observed())
                .isInstanceOfSatisfying(Discrepancy.Incomparable.class,
                        d -> assertThat(d.reason()).isEqualTo(Discrepancy.Reason.SHAPE));
        assertThat(report.node("/Tanh").orElseThrow().outputs().getFirst().observed())
                .isInstanceOf(Discrepancy.Unavailable.class);
    }

    @Test
    void loopAndIfBodiesAreComparedNodeByNode() {
        var loop = Fixture.load("torch_loop_if");

        var report = Comparer.withBuiltinKernels().compare(loop.model(), loop.inputs(), new Reference.Float64Shadow(),
                new Tolerance(1e-5, 1e-6), ComparisonMonitor.none());

        assertThat(report.passed()).isTrue();
        var control = report.nodes().stream().filter(n -> List.of("Loop", "If").contains(n.opType())).toList();
        assertThat(control).isNotEmpty().allSatisfy(n -> assertThat(n.outputs().getFirst().local())
                .isInstanceOfSatisfying(Discrepancy.Unavailable.class, u -> assertThat(u.why()).contains("subgraphs")));
        var inBodies = report.nodes().stream().filter(n -> !n.frame().isRoot() && n.role() == NodeComparison.Role.COMPUTED).toList();
        assertThat(inBodies).isNotEmpty().allSatisfy(n -> assertThat(n.outputs()).allSatisfy(o ->
                assertThat(o.local()).isInstanceOf(Discrepancy.Measured.class)));
        assertThat(inBodies.stream().map(n -> n.frame().toString()).distinct().count()).isGreaterThan(1);  // iterations
    }

    @Test
    void textNamesTheVerdictTheFirstDivergenceAndTheWorstNodes() {
        var broken = Fixture.load("torch_mlp_broken");
        var report = Comparer.withBuiltinKernels().compare(broken.model(), broken.inputs(),
                new Reference.OtherModel(Fixture.load("torch_mlp").model()), TOL, ComparisonMonitor.none());

        var text = ReportText.render(report, 3);

        assertThat(text).contains("FAILED").contains("First divergent node: /Mul_1 (Mul)").contains("Worst nodes by local error")
                .contains("  FAIL y: ");
        assertThat(text.lines().filter(l -> l.matches("  \\d +.*")).count()).isEqualTo(3);
    }

    @Test
    void textShowsTheTreeReport() {
        var rf = Fixture.load("sklearn_rf_float");
        var report = Comparer.withBuiltinKernels().compare(rf.model(), rf.inputs(), rf.expectedReference(), TOL,
                ComparisonMonitor.none());

        var text = ReportText.render(report, 5);

        assertThat(text).contains("Tree ensemble").contains("double thresholds would fix it: yes")
                .contains("samples that changed path (27)").contains("samples at risk (");
    }

    @Test
    void mapsHoldOnlyPlainValues() {
        var rf = Fixture.load("sklearn_rf_float");
        var report = Comparer.withBuiltinKernels().compare(rf.model(), rf.inputs(),
                new Reference.OtherModel(Fixture.load("sklearn_rf_double").model()), TOL, ComparisonMonitor.none());

        var map = ReportMaps.toMap(report, 5);

        assertPlain(map);
        assertThat(map).containsEntry("passed", false).containsKeys("outputs", "firstDivergent", "worstNodes", "trees", "nodes");
        @SuppressWarnings("unchecked")
        var tree = ((List<Map<String, Object>>) map.get("trees")).getFirst();
        assertThat(tree).containsEntry("fix", "YES").containsEntry("basis", "REFERENCE_THRESHOLDS");
        assertThat((List<?>) tree.get("changedSamples")).hasSize(ComparerFixturesTest.DIFFERENT_LEAF.size());
    }

    private static void assertPlain(Object value) {
        switch (value) {
            case null -> { }
            case Map<?, ?> m -> m.forEach((k, v) -> {
                assertThat(k).isInstanceOf(String.class);
                assertPlain(v);
            });
            case List<?> l -> l.forEach(ComparisonApiTest::assertPlain);
            default -> assertThat(value).isInstanceOfAny(String.class, Number.class, Boolean.class);
        }
    }
}
