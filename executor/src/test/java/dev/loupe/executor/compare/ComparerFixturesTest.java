package dev.loupe.executor.compare;

import dev.loupe.executor.testdata.Tolerance;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/// Comparisons of the real exported models (`src/test/resources/fixtures`) with the original frameworks'
/// outputs and with each other. Expected facts come from the fixtures' README and manifest.
class ComparerFixturesTest {

    /// From `manifest.json`: the samples of `sklearn_rf_float` that reach a different leaf with float
    /// thresholds, and those whose probabilities differ from scikit-learn's.
    static final List<Integer> DIFFERENT_LEAF = List.of(0, 11, 15, 26, 29, 41, 51, 58, 61, 62, 64, 78, 84, 97, 98, 100,
            124, 145, 160, 162, 165, 167, 184, 187, 192, 200, 214, 216, 233, 241, 245, 252, 259, 262, 263, 269);
    static final List<Integer> DIFFERENT_PROBABILITIES = List.of(0, 11, 29, 41, 58, 61, 78, 97, 98, 100, 124, 145, 160,
            162, 165, 167, 184, 187, 192, 200, 214, 216, 233, 245, 252, 259, 263);

    private static final Tolerance MLP = new Tolerance(1e-5, 1e-6);
    private final Comparer comparer = Comparer.withBuiltinKernels();

    private ComparisonReport compare(Fixture f, Reference reference, Tolerance tol) {
        return comparer.compare(f.model(), f.inputs(), reference, tol, ComparisonMonitor.none());
    }

    @Test
    void brokenMlpAgainstTheOriginalModelDivergesFirstAtTheEditedMul() {
        var broken = Fixture.load("torch_mlp_broken");
        var original = Fixture.load("torch_mlp");

        var report = compare(broken, new Reference.OtherModel(original.model()), MLP);

        assertThat(report.passed()).isFalse();
        assertThat(report.firstDivergent()).hasValueSatisfying(n -> assertThat(n.name()).isEqualTo("/Mul_1"));
        assertThat(report.worstByLocalError(1).getFirst().name()).isEqualTo("/Mul_1");
        var constant = report.node("/Constant_1").orElseThrow();
        assertThat(constant.role()).isEqualTo(NodeComparison.Role.CONSTANT);
        assertThat(constant.observedDivergent()).isTrue();                 // 1.5 against 1.25
        assertThat(constant.locallyDivergent()).isFalse();
        for (var upstream : List.of("/fc1/Gemm", "/Mul", "/Relu", "/fc2/Gemm")) {
            assertThat(report.node(upstream).orElseThrow().observedDivergent()).as(upstream).isFalse();
        }
        var tanh = report.node("/Tanh").orElseThrow();                     // inherits the error, adds none
        assertThat(tanh.observedDivergent()).isTrue();
        assertThat(tanh.locallyDivergent()).isFalse();
        assertThat(tanh.outputs().getFirst().inheritedAbsError()).isPositive();
    }

    @Test
    void brokenMlpFailsAgainstTheOriginalFrameworksOutputs() {
        var broken = Fixture.load("torch_mlp_broken");

        var report = compare(broken, broken.expectedReference(), MLP);

        assertThat(report.passed()).isFalse();
        var y = ((Discrepancy.Measured) report.outputs().getFirst().discrepancy()).metrics();
        assertThat(y.mismatches()).isEqualTo(y.count());                   // every element differs (README)
        assertThat(report.firstDivergent()).isEmpty();                      // only the outputs are known
    }

    @Test
    void mlpMatchesTheOriginalFrameworksOutputs() {
        var mlp = Fixture.load("torch_mlp");
        var report = compare(mlp, mlp.expectedReference(), MLP);
        assertThat(report.passed()).isTrue();
        assertThat(report.firstDivergent()).isEmpty();
    }

    @Test
    void floatThresholdForestAgainstScikitLearnNamesTheTreeNodeAndTheSamples() {
        var rf = Fixture.load("sklearn_rf_float");

        var report = compare(rf, rf.expectedReference(), new Tolerance(1e-5, 1e-6));

        assertThat(report.passed()).isFalse();
        var treeNode = rf.model().graph().nodes().getFirst();
        assertThat(report.firstDivergent()).hasValueSatisfying(n -> assertThat(n.node()).isSameAs(treeNode));
        assertThat(report.trees()).singleElement().satisfies(t -> {
            assertThat(t.node()).isSameAs(treeNode);
            assertThat(t.node().opType()).isEqualTo("TreeEnsembleClassifier");
            assertThat(t.doubleThresholds()).isFalse();
            assertThat(t.basis()).isEqualTo(TreePathReport.Basis.ROUNDING_INTERVAL);
            assertThat(t.samples()).isEqualTo(294);
            assertThat(t.mismatchedSamples()).isEqualTo(DIFFERENT_PROBABILITIES);
            assertThat(t.changedSamples()).isEqualTo(DIFFERENT_PROBABILITIES);
            assertThat(t.atRiskSamples()).containsAll(DIFFERENT_LEAF);
            assertThat(t.fix()).isEqualTo(TreePathReport.Fix.YES);
            for (var s : t.splits()) {
                assertThat(s.featureValue()).isEqualTo(s.threshold());       // float data on a float threshold
                assertThat(Math.abs(s.ulpsFromOther())).isLessThan(0.5);
            }
        });
    }

    @Test
    void floatThresholdForestAgainstTheDoubleThresholdForestFindsExactlyTheSamplesThatChangedLeaf() {
        var rf = Fixture.load("sklearn_rf_float");
        var doubles = Fixture.load("sklearn_rf_double");

        var report = compare(rf, new Reference.OtherModel(doubles.model()), new Tolerance(1e-5, 1e-6));

        assertThat(report.passed()).isFalse();
        assertThat(report.trees()).singleElement().satisfies(t -> {
            assertThat(t.basis()).isEqualTo(TreePathReport.Basis.REFERENCE_THRESHOLDS);
            assertThat(t.changedSamples()).isEqualTo(DIFFERENT_LEAF);
            assertThat(t.mismatchedSamples()).isEqualTo(DIFFERENT_PROBABILITIES);
            assertThat(t.fix()).isEqualTo(TreePathReport.Fix.YES);
            for (var s : t.splits()) {
                assertThat((double) (float) s.otherThreshold()).isEqualTo(s.threshold());
                assertThat(s.featureValue()).isEqualTo(s.threshold());
                assertThat(Math.abs(s.ulpsFromOther())).isGreaterThan(0).isLessThanOrEqualTo(0.5);
                assertThat(s.modelTakesTrueBranch()).isEqualTo(s.featureValue() <= s.threshold());
            }
        });
    }

    @Test
    void doubleThresholdForestMatchesScikitLearn() {
        var rf = Fixture.load("sklearn_rf_double");

        var report = compare(rf, rf.expectedReference(), new Tolerance(1e-5, 1e-6));

        assertThat(report.passed()).isTrue();
        assertThat(report.trees()).singleElement().satisfies(t -> {
            assertThat(t.fix()).isEqualTo(TreePathReport.Fix.ALREADY_DOUBLE);
            assertThat(t.mismatchedSamples()).isEmpty();
            assertThat(t.changedSamples()).isEqualTo(DIFFERENT_LEAF);     // what rounding to float would move
        });
    }

    @Test
    void nanModelMatchesItsExpectedNansAndNamesTheSqrtAsTheirSource() {
        var nan = Fixture.load("torch_nan");

        var report = compare(nan, nan.expectedReference(), new Tolerance(1e-5, 1e-6));

        assertThat(report.passed()).isTrue();
        var y = ((Discrepancy.Measured) report.outputs().getFirst().discrepancy()).metrics();
        assertThat(y.actualNaN()).isEqualTo(6).isEqualTo(y.referenceNaN()); // rows 1 and 2 of a [3, 3] output
        assertThat(report.firstNonFinite()).hasValueSatisfying(n -> assertThat(n.name()).isEqualTo("/Sqrt"));
    }

    @Test
    void nanModelAgainstItsShadowKeepsNanAsAMatch() {
        var nan = Fixture.load("torch_nan");

        var report = compare(nan, new Reference.Float64Shadow(), new Tolerance(1e-5, 1e-6));

        assertThat(report.passed()).isTrue();
        var sqrt = report.node("/Sqrt").orElseThrow();
        assertThat(sqrt.locallyDivergent()).isFalse();
        var m = ((Discrepancy.Measured) sqrt.outputs().getFirst().observed()).metrics();
        assertThat(m.actualNaN()).isPositive().isEqualTo(m.referenceNaN());
    }
}
