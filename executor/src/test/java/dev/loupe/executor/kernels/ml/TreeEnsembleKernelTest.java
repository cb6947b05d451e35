package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Attribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static dev.loupe.executor.kernels.ml.TestNodes.doubles;
import static dev.loupe.executor.kernels.ml.TestNodes.floats;
import static dev.loupe.executor.kernels.ml.TestNodes.ints;
import static dev.loupe.executor.kernels.ml.TestNodes.string;
import static dev.loupe.executor.kernels.ml.TestNodes.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TreeEnsembleKernelTest {

    private static final String ML = "ai.onnx.ml";

    /// One stump per tree on feature 0 (threshold 1, true leaf then false leaf), leaves voting for target 0.
    private static List<Attribute> stumps(String mode, long tracksTrue, double[] leafWeights, String prefix) {
        int trees = leafWeights.length / 2;
        var treeIds = new long[3 * trees];
        var nodeIds = new long[3 * trees];
        var modes = new String[3 * trees];
        var trueIds = new long[3 * trees];
        var falseIds = new long[3 * trees];
        var missing = new long[3 * trees];
        var values = new float[3 * trees];
        var voteTrees = new long[2 * trees];
        var voteNodes = new long[2 * trees];
        for (int t = 0; t < trees; t++) {
            for (int k = 0; k < 3; k++) {
                treeIds[3 * t + k] = t;
                nodeIds[3 * t + k] = k;
                modes[3 * t + k] = k == 0 ? mode : "LEAF";
            }
            trueIds[3 * t] = 1;
            falseIds[3 * t] = 2;
            missing[3 * t] = tracksTrue;
            values[3 * t] = 1f;
            voteTrees[2 * t] = t;
            voteTrees[2 * t + 1] = t;
            voteNodes[2 * t] = 1;
            voteNodes[2 * t + 1] = 2;
        }
        var a = new ArrayList<>(List.of(ints("nodes_treeids", treeIds), ints("nodes_nodeids", nodeIds),
                ints("nodes_featureids", new long[3 * trees]), strings("nodes_modes", modes),
                floats("nodes_values", values), ints("nodes_truenodeids", trueIds), ints("nodes_falsenodeids", falseIds),
                ints("nodes_missing_value_tracks_true", missing),
                ints(prefix + "_treeids", voteTrees), ints(prefix + "_nodeids", voteNodes),
                ints(prefix + "_ids", new long[2 * trees]), doubles(prefix + "_weights_as_tensor", leafWeights)));
        return a;
    }

    private static float[] regress(List<Attribute> attributes, float... x) {
        var spec = TestNodes.spec(ML, "TreeEnsembleRegressor", 3, attributes.toArray(Attribute[]::new));
        var out = (Tensor) TestNodes.run(spec, Tensor.ofFloats(new long[] {x.length, 1}, x))[0];
        return out.floats();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "BRANCH_LEQ, 10, 10, 20",
            "BRANCH_LT,  10, 20, 20",
            "BRANCH_GTE, 20, 10, 10",
            "BRANCH_GT,  20, 20, 10",
            "BRANCH_EQ,  20, 10, 20",
            "BRANCH_NEQ, 10, 20, 10",
    })
    void everySplitRuleSendsSamplesToTheRightLeaf(String mode, float below, float at, float above) {
        var y = regress(stumps(mode, 0, new double[] {10, 20}, "target"), 0.5f, 1f, 1.5f);
        assertThat(y).containsExactly(below, at, above);
    }

    @Test
    void missingValuesFollowTheirTrackingFlag() {
        assertThat(regress(stumps("BRANCH_LEQ", 1, new double[] {10, 20}, "target"), Float.NaN)).containsExactly(10f);
        assertThat(regress(stumps("BRANCH_LEQ", 0, new double[] {10, 20}, "target"), Float.NaN)).containsExactly(20f);
        assertThat(regress(stumps("BRANCH_NEQ", 0, new double[] {10, 20}, "target"), Float.NaN)).containsExactly(20f);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"SUM, 4.5", "AVERAGE, 2.5", "MIN, 1.5", "MAX, 3.5"})
    void aggregatesTreesThenAddsBaseValues(String aggregate, float expected) {
        var a = stumps("BRANCH_LEQ", 0, new double[] {1, 0, 3, 0}, "target");
        a.add(string("aggregate_function", aggregate));
        a.add(floats("base_values", 0.5f));
        a.add(TestNodes.integer("n_targets", 1));
        assertThat(regress(a, 0f)).containsExactly(expected);
    }

    @Test
    void thresholdsKeepTheirDoublePrecision() {
        var a = stumps("BRANCH_LEQ", 0, new double[] {10, 20}, "target");
        a.removeIf(x -> x.name().equals("nodes_values"));
        a.add(doubles("nodes_values_as_tensor", 1.0 + 1e-12, 0, 0));
        var spec = TestNodes.spec(ML, "TreeEnsembleRegressor", 3, a.toArray(Attribute[]::new));
        var x = Tensor.of(dev.loupe.model.ElementType.DOUBLE, new long[] {2, 1}, new double[] {1.0 + 1e-12, 1.0 + 2e-12});
        assertThat(((Tensor) TestNodes.run(spec, x)[0]).floats()).containsExactly(10f, 20f);

        var ensemble = TreeEnsemble.of(spec);
        var split = ensemble.compare(x, ThresholdPrecision.DOUBLE, ThresholdPrecision.FLOAT);
        assertThat(split).singleElement().satisfies(d -> {
            assertThat(d.sample()).isZero();
            assertThat(d.depth()).isZero();
            assertThat(d.thresholdB()).isEqualTo(1.0);
            assertThat(d.trueBranchA()).isTrue();
        });
        assertThat(ensemble.leaves(x, ThresholdPrecision.FLOAT)).containsExactly(2, 2);
    }

    private static Tensor[] classify(List<Attribute> attributes, float... x) {
        var spec = TestNodes.spec(ML, "TreeEnsembleClassifier", 3, attributes.toArray(Attribute[]::new));
        var out = TestNodes.run(spec, Tensor.ofFloats(new long[] {x.length, 1}, x));
        return new Tensor[] {(Tensor) out[0], (Tensor) out[1]};
    }

    @Test
    void binaryClassifierWithOneScoringClassFillsTheOtherColumn() {
        var a = stumps("BRANCH_LEQ", 0, new double[] {0.3, 0.8}, "class");
        a.add(ints("classlabels_int64s", 4, 7));
        var out = classify(a, 0f, 2f);
        assertThat(out[0].longs()).containsExactly(4, 7);
        assertThat(out[1].floats()).containsExactly(0.7f, 0.3f, 0.2f, 0.8f);

        a.add(string("post_transform", "LOGISTIC"));
        out = classify(a, 0f);
        assertThat(out[0].longs()).containsExactly(7);
        assertThat(out[1].floats()[1]).isCloseTo((float) (1 / (1 + Math.exp(-0.3))), within(1e-7f));
        assertThat(out[1].floats()[0]).isCloseTo((float) (1 / (1 + Math.exp(0.3))), within(1e-7f));
    }

    @Test
    void multiClassWithStringLabelsAndSoftmax() {
        var a = new ArrayList<>(stumps("BRANCH_LEQ", 0, new double[] {1, 2}, "class"));
        a.removeIf(x -> x.name().startsWith("class_"));
        a.add(ints("class_treeids", 0, 0, 0));
        a.add(ints("class_nodeids", 1, 1, 2));
        a.add(ints("class_ids", 0, 2, 1));
        a.add(floats("class_weights", 1f, 3f, 2f));
        a.add(strings("classlabels_strings", "a", "b", "c"));
        a.add(floats("base_values", 0f, 0f, 1f));
        a.add(string("post_transform", "SOFTMAX"));
        var out = classify(a, 0f, 5f);
        assertThat(out[0].strings()).containsExactly("c", "b");
        double e1 = Math.exp(1), e2 = Math.exp(2), e4 = Math.exp(4);
        assertThat(out[1].floats()).containsExactly(new float[] {(float) (e1 / (e1 + 1 + e4)), (float) (1 / (e1 + 1 + e4)),
                (float) (e4 / (e1 + 1 + e4)), (float) (1 / (1 + e2 + e1)), (float) (e2 / (1 + e2 + e1)),
                (float) (e1 / (1 + e2 + e1))}, within(1e-7f));
    }

    @Test
    void inconsistentAttributesAreReportedByName() {
        var a = stumps("BRANCH_LEQ", 0, new double[] {10, 20}, "target");
        a.add(ints("nodes_falsenodeids", 9, 0, 0));
        NodeSpec spec = TestNodes.spec(ML, "TreeEnsembleRegressor", 3, a.toArray(Attribute[]::new));
        assertThatThrownBy(() -> TestNodes.run(spec, Tensor.ofFloats(new long[] {1, 1}, 0f)))
                .isInstanceOf(KernelException.class).hasMessageContaining("nodes_falsenodeids[0] = 9");

        var b = stumps("BRANCH_SOMETIMES", 0, new double[] {10, 20}, "target");
        NodeSpec bad = TestNodes.spec(ML, "TreeEnsembleRegressor", 3, b.toArray(Attribute[]::new));
        assertThatThrownBy(() -> TestNodes.run(bad, Tensor.ofFloats(new long[] {1, 1}, 0f)))
                .hasMessageContaining("BRANCH_SOMETIMES");
    }

    @Test
    void aFeatureBeyondTheInputIsReported() {
        var spec = TestNodes.spec(ML, "TreeEnsembleRegressor", 3, stumps("BRANCH_LEQ", 0, new double[] {1, 2}, "target").toArray(Attribute[]::new));
        assertThatThrownBy(() -> TestNodes.run(spec, Tensor.ofFloats(new long[] {1, 0})))
                .hasMessageContaining("0 features per sample");
    }
}
