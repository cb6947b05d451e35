package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import org.junit.jupiter.api.Test;

import static dev.loupe.executor.kernels.ml.TestNodes.floats;
import static dev.loupe.executor.kernels.ml.TestNodes.integer;
import static dev.loupe.executor.kernels.ml.TestNodes.ints;
import static dev.loupe.executor.kernels.ml.TestNodes.real;
import static dev.loupe.executor.kernels.ml.TestNodes.string;
import static dev.loupe.executor.kernels.ml.TestNodes.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EncoderKernelsTest {

    private static final String ML = "ai.onnx.ml";

    private static Tensor strs(String... v) {
        return Tensor.of(ElementType.STRING, new long[] {v.length}, v);
    }

    private static Tensor run(String op, long version, Tensor x, dev.loupe.model.Attribute... attributes) {
        return (Tensor) TestNodes.run(TestNodes.spec(ML, op, version, attributes), x)[0];
    }

    @Test
    void labelEncoderVersionOneMapsBothWays() {
        var classes = strings("classes_strings", "a", "b", "c");
        assertThat(run("LabelEncoder", 1, strs("c", "z", "a"), classes).longs()).containsExactly(2, -1, 0);
        assertThat(run("LabelEncoder", 1, Tensor.ofLongs(new long[] {3}, 1, 7, 0), classes, string("default_string", "?"))
                .strings()).containsExactly("b", "?", "a");
    }

    @Test
    void labelEncoderVersionTwoCoversEveryKeyAndValueKind() {
        assertThat(run("LabelEncoder", 2, strs("x", "y", "q"), strings("keys_strings", "x", "y"),
                floats("values_floats", 0.5f, 1.5f)).floats()).containsExactly(0.5f, 1.5f, -0f);
        assertThat(run("LabelEncoder", 2, Tensor.ofLongs(new long[] {2, 2}, 10, 20, 30, 10), ints("keys_int64s", 10, 20),
                strings("values_strings", "ten", "twenty")).strings()).containsExactly("ten", "twenty", "_Unused", "ten");
        assertThat(run("LabelEncoder", 2, Tensor.ofFloats(new long[] {4}, -0f, 2.5f, Float.NaN, 7f),
                floats("keys_floats", 0f, 2.5f), ints("values_int64s", 4, 5), integer("default_int64", 99)).longs())
                .containsExactly(4, 5, 99, 99);
    }

    @Test
    void categoryMapperUsesItsDefaults() {
        var attrs = new dev.loupe.model.Attribute[] {strings("cats_strings", "cat", "dog"), ints("cats_int64s", 1, 2)};
        assertThat(run("CategoryMapper", 1, strs("dog", "cow"), attrs).longs()).containsExactly(2, -1);
        assertThat(run("CategoryMapper", 1, Tensor.ofLongs(new long[] {2}, 1, 5), attrs).strings()).containsExactly("cat", "_Unused");
    }

    @Test
    void oneHotEncoderAddsAnAxisAndRejectsUnknownsWithoutZeros() {
        var y = run("OneHotEncoder", 1, Tensor.ofFloats(new long[] {2}, 3.7f, 9f), ints("cats_int64s", 9, 3, 4));
        assertThat(y.shape()).containsExactly(2, 3);
        assertThat(y.floats()).containsExactly(0, 1, 0, 1, 0, 0);
        assertThatThrownBy(() -> run("OneHotEncoder", 1, strs("a", "q"), strings("cats_strings", "a"), integer("zeros", 0)))
                .isInstanceOf(KernelException.class).hasMessageContaining("X[1]");
    }

    @Test
    void normalizerNormsAndBinarizerKeepsTheType() {
        var x = Tensor.ofFloats(new long[] {2, 2}, 3, -4, 0, 0);
        assertThat(run("Normalizer", 1, x, string("norm", "MAX")).floats()).containsExactly(0.75f, -1f, 0, 0);
        assertThat(run("Normalizer", 1, x, string("norm", "L1")).floats()).containsExactly(3f / 7, -4f / 7, 0, 0);
        assertThat(run("Normalizer", 1, x, string("norm", "L2")).floats()).containsExactly(0.6f, -0.8f, 0, 0);
        var b = run("Binarizer", 1, Tensor.ofLongs(new long[] {3}, -1, 2, 5), real("threshold", 2f));
        assertThat(b.type()).isEqualTo(ElementType.INT64);
        assertThat(b.longs()).containsExactly(0, 0, 1);
    }

    @Test
    void imputerReplacesIntegersPerFeature() {
        var y = run("Imputer", 1, Tensor.ofLongs(new long[] {2, 2}, -1, 5, 7, -1), ints("imputed_value_int64s", 10, 20),
                integer("replaced_value_int64", -1));
        assertThat(y.longs()).containsExactly(10, 5, 7, 20);
    }

    @Test
    void arrayFeatureExtractorSelectsStringColumns() {
        var x = Tensor.of(ElementType.STRING, new long[] {2, 3}, new String[] {"a", "b", "c", "d", "e", "f"});
        var y = (Tensor) TestNodes.run(TestNodes.spec(ML, "ArrayFeatureExtractor", 1), x, Tensor.ofLongs(new long[] {2}, 2, 0))[0];
        assertThat(y.shape()).containsExactly(2, 2);
        assertThat(y.strings()).containsExactly("c", "a", "f", "d");
        assertThatThrownBy(() -> TestNodes.run(TestNodes.spec(ML, "ArrayFeatureExtractor", 1), x, Tensor.ofLongs(new long[] {1}, 3)))
                .hasMessageContaining("Y[0] = 3");
    }

    @Test
    void linearClassifierWithOneScoreAndTwoLabels() {
        var spec = TestNodes.spec(ML, "LinearClassifier", 1, floats("coefficients", 1, -1), floats("intercepts", 0.5f),
                strings("classlabels_strings", "no", "yes"), string("post_transform", "LOGISTIC"));
        var out = TestNodes.run(spec, Tensor.ofFloats(new long[] {2, 2}, 2, 0, 0, 2));
        assertThat(((Tensor) out[0]).strings()).containsExactly("yes", "no");
        double p = 1 / (1 + Math.exp(-2.5));
        double q = 1 / (1 + Math.exp(1.5));
        assertThat(((Tensor) out[1]).floats()).containsExactly(new float[] {(float) (1 - p), (float) p, (float) (1 - q), (float) q},
                within(1e-7f));
    }
}
