package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/// The tree ensembles against scikit-learn's own predictions (fixtures made by `tools/make_fixtures.py`).
class TreeEnsembleFixturesTest {

    /// From `manifest.json` of the fixtures: the samples of `sklearn_rf_float` whose float thresholds change
    /// a leaf, the probabilities and the label.
    private static final List<Integer> DIFFERENT_LEAF = List.of(0, 11, 15, 26, 29, 41, 51, 58, 61, 62, 64, 78, 84, 97,
            98, 100, 124, 145, 160, 162, 165, 167, 184, 187, 192, 200, 214, 216, 233, 241, 245, 252, 259, 262, 263, 269);
    private static final List<Integer> DIFFERENT_PROBABILITIES = List.of(0, 11, 29, 41, 58, 61, 78, 97, 98, 100, 124,
            145, 160, 162, 165, 167, 184, 187, 192, 200, 214, 216, 233, 245, 252, 259, 263);
    private static final List<Integer> DIFFERENT_LABEL = List.of(29, 61, 97, 200, 214);

    @Test
    void randomForestWithDoubleThresholdsMatchesScikitLearn() {
        OnnxCase.fixture("sklearn_rf_double").assertPasses(1e-5, 1e-6);
    }

    @Test
    void gradientBoostingWithDoubleThresholdsMatchesScikitLearn() {
        OnnxCase.fixture("sklearn_gbr_double").assertPasses(1e-5, 1e-5);
    }

    @Test
    void floatThresholdsMoveExactlyTheRowsScikitLearnPredicts() {
        var c = OnnxCase.fixture("sklearn_rf_float");
        var out = c.run();
        var labels = ((Tensor) out.get(0)).longs();
        var expectedLabels = ((Tensor) c.expected().get(0)).longs();
        var wrongLabels = new ArrayList<Integer>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != expectedLabels[i]) {
                wrongLabels.add(i);
            }
        }
        assertThat(wrongLabels).isEqualTo(DIFFERENT_LABEL);

        var p = ((Tensor) out.get(1)).floats();
        var e = ((Tensor) c.expected().get(1)).floats();
        var wrongRows = new TreeSet<Integer>();
        for (int i = 0; i < p.length; i++) {
            if (Math.abs(p[i] - e[i]) > 1e-6 + 1e-5 * Math.abs(e[i])) {
                wrongRows.add(i / 3);
            }
        }
        assertThat(wrongRows).containsExactlyElementsOf(DIFFERENT_PROBABILITIES);
    }

    @Test
    void compareFindsTheSamplesWhoseSplitsDependOnThresholdPrecision() {
        var c = OnnxCase.fixture("sklearn_rf_double");
        var node = c.model().graph().nodes().getFirst();
        var ensemble = TreeEnsemble.of(new NodeSpec(node, 3, c.model()));
        assertThat(ensemble.hasDoubleThresholds()).isTrue();
        var x = (Tensor) c.inputs().getFirst();

        var divergences = ensemble.compare(x, ThresholdPrecision.DOUBLE, ThresholdPrecision.FLOAT);

        assertThat(divergences.stream().map(SplitDivergence::sample).distinct().toList()).isEqualTo(DIFFERENT_LEAF);
        for (var d : divergences) {
            assertThat(d.thresholdB()).isEqualTo((double) (float) d.thresholdA());
            assertThat(d.featureValue() <= d.thresholdA()).isEqualTo(d.trueBranchA());
            assertThat(d.featureValue() <= d.thresholdB()).isNotEqualTo(d.trueBranchA());
        }
        assertThat(ensemble.compare(x, ThresholdPrecision.DOUBLE, ThresholdPrecision.DOUBLE)).isEmpty();
    }
}
