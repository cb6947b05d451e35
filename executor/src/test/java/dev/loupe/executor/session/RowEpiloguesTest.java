package dev.loupe.executor.session;

import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.tensor.TensorConversion;
import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static dev.loupe.executor.session.FastModeTest.compare;
import static dev.loupe.executor.session.FastModeTest.init;
import static dev.loupe.executor.session.FastModeTest.ops;
import static dev.loupe.executor.session.TestModels.input;
import static dev.loupe.executor.session.TestModels.names;
import static dev.loupe.executor.session.TestModels.node;
import static dev.loupe.executor.session.TestModels.output;
import static org.assertj.core.api.Assertions.assertThat;

/// `Where`, `Softmax` and `LayerNormalization` as epilogues ([Epilogue.Select], [Epilogue.Softmax],
/// [Epilogue.LayerNorm]) in [ExecutionMode#FAST] against [ExecutionMode#DEBUG]: a GPT decoder's causal mask
/// over the scaled attention scores and their softmax join the scores' product, a BERT layer's normalization
/// joins the output projection with its bias and residual; shapes they cannot take in place run the node's own
/// kernel in the same step.
class RowEpiloguesTest {

    /// `softmax(where(mask, q k^T / 8, -inf))` over `heads` heads of `seq x seq` scores, the mask lower
    /// triangular and `[seq, seq]` (the scores in `Where`'s slot `slot`: 1, or 2 with the mask inverted).
    private static Graph maskedScores(int heads, int seq, int width, int slot) {
        var g = new Graph(null, "causal");
        input(g, "q", ElementType.FLOAT, 1, heads, seq, width);
        input(g, "k", ElementType.FLOAT, 1, heads, width, seq);
        var random = new SplittableRandom(3);
        init(g, "scale", random, 8f, 8f);
        init(g, "fill", random, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY);
        var mask = Tensor.allocate(ElementType.BOOL, seq, seq);
        for (int i = 0; i < seq; i++) {
            for (int j = 0; j < seq; j++) {
                mask.bytes()[i * seq + j] = (byte) ((j <= i) == (slot == 1) ? 1 : 0);
            }
        }
        g.setInitializer(g.valueOrCreate("mask"), TensorConversion.toTensorData(mask, "mask"));
        node(g, "scores", "MatMul", names("q", "k"), names("s"));
        node(g, "scaled", "Div", names("s", "scale"), names("d"));
        node(g, "where", "Where", slot == 1 ? names("mask", "d", "fill") : names("mask", "fill", "d"), names("w"));
        node(g, "softmax", "Softmax", names("w"), names("y"), Attribute.ofInt("axis", -1));
        output(g, "y");
        return g;
    }

    @Test
    void aCausalMaskJoinsTheScoresProduct() {
        var fast = compare(TestModels.model(maskedScores(2, 6, 4, 1), 13));
        assertThat(ops(fast)).containsExactly("MatMul");
        var y = ((Tensor) fast.output("y")).floats();
        assertThat(y[1]).isZero();
        assertThat(y[0]).isEqualTo(1f);
    }

    @Test
    void theScoresInTheOtherSlot() {
        var fast = compare(TestModels.model(maskedScores(2, 6, 4, 2), 13));
        assertThat(ops(fast)).containsExactly("MatMul");
    }

    @Test
    void eightHeadsOnTwoThreads() {
        var fast = compare(TestModels.model(maskedScores(8, 128, 64, 1), 13), 2);
        assertThat(ops(fast)).containsExactly("MatMul");
    }

    /// A softmax over another axis than the last is applied by its own kernel after the product.
    @Test
    void aSoftmaxOverAnotherAxisRunsTheNodesKernel() {
        var g = new Graph(null, "columns");
        input(g, "a", ElementType.FLOAT, 2, 3, 4);
        input(g, "b", ElementType.FLOAT, 2, 4, 5);
        node(g, "mm", "MatMul", names("a", "b"), names("p"));
        node(g, "softmax", "Softmax", names("p"), names("y"), Attribute.ofInt("axis", 1));
        output(g, "y");
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).containsExactly("MatMul");
        var y = ((Tensor) fast.output("y")).floats();
        assertThat(y[0] + y[5] + y[10]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
    }

    /// Before version 13 the default axis 1 flattens `[4, 6]` into rows of 6: the last axis, so in place.
    @Test
    void aSoftmaxOfVersionElevenOverRows() {
        var g = new Graph(null, "rows");
        input(g, "a", ElementType.FLOAT, 4, 3);
        input(g, "b", ElementType.FLOAT, 3, 6);
        node(g, "mm", "MatMul", names("a", "b"), names("p"));
        node(g, "softmax", "Softmax", names("p"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 11));
        assertThat(ops(fast)).containsExactly("MatMul");
    }

    /// `LayerNormalization(x + (a w + b))` over rows of 64, as after a BERT layer's output projection.
    @Test
    void aLayerNormalizationJoinsTheProjectionAndResidual() {
        var g = projection(2, 3, new long[] {64}, -1);
        var fast = compare(TestModels.model(g, 17));
        assertThat(ops(fast)).containsExactly("MatMul");
    }

    @Test
    void aLayerNormalizationOnTwoThreads() {
        var g = projection(2, 3, new long[] {64}, -1);
        var fast = compare(TestModels.model(g, 17), 2);
        assertThat(ops(fast)).containsExactly("MatMul");
    }

    /// Over the last two axes (`axis` -2): rows of 3 x 64 values; and of 100 x 64 on two threads, whose
    /// pieces of work do not end on those rows.
    @Test
    void aLayerNormalizationOverTwoAxes() {
        var fast = compare(TestModels.model(projection(2, 3, new long[] {3, 64}, -2), 17));
        assertThat(ops(fast)).containsExactly("MatMul");
        compare(TestModels.model(projection(7, 100, new long[] {100, 64}, -2), 17), 2);
    }

    /// Over the last two axes with a scale and bias of the last one (`[64]`, broadcast over the 3 rows): the
    /// kernel's own path, same result.
    @Test
    void aBroadcastScaleRunsTheNodesKernel() {
        var fast = compare(TestModels.model(projection(2, 3, new long[] {64}, -2), 17));
        assertThat(ops(fast)).containsExactly("MatMul");
    }

    /// `x [batch, rows, 64]`, `a [batch, rows, 32]` times `w [32, 64]` plus `b`, plus `x`, normalized from
    /// `axis` with a scale and a bias of shape `scaleShape`.
    private static Graph projection(int batch, int rows, long[] scaleShape, long axis) {
        var g = new Graph(null, "projection");
        input(g, "x", ElementType.FLOAT, batch, rows, 64);
        input(g, "a", ElementType.FLOAT, batch, rows, 32);
        var random = new SplittableRandom(9);
        init(g, "w", random, -0.5f, 0.5f, 32, 64);
        init(g, "b", random, -0.5f, 0.5f, 64);
        init(g, "gamma", random, 0.5f, 1.5f, scaleShape);
        init(g, "beta", random, -0.5f, 0.5f, scaleShape);
        node(g, "mm", "MatMul", names("a", "w"), names("m"));
        node(g, "bias", "Add", names("b", "m"), names("p"));
        node(g, "residual", "Add", names("x", "p"), names("s"));
        node(g, "norm", "LayerNormalization", names("s", "gamma", "beta"), names("y"), Attribute.ofInt("axis", axis));
        output(g, "y");
        return g;
    }

    /// A mask of one row per head (`[heads, 1, seq]`) is not the scores' last axes: the step runs `Where`'s own
    /// kernel on the product (applied in place with the mask repeated, the result would differ).
    @Test
    void aMaskBroadcastOtherwiseRunsTheNodesKernel() {
        var g = new Graph(null, "per-head");
        input(g, "a", ElementType.FLOAT, 2, 3, 4);
        input(g, "b", ElementType.FLOAT, 2, 4, 5);
        init(g, "fill", new SplittableRandom(4), 0f, 0f);
        var mask = Tensor.allocate(ElementType.BOOL, 2, 1, 5);
        for (int i = 0; i < mask.size(); i += 2) {
            mask.bytes()[i] = 1;
        }
        g.setInitializer(g.valueOrCreate("mask"), TensorConversion.toTensorData(mask, "mask"));
        node(g, "mm", "MatMul", names("a", "b"), names("p"));
        node(g, "where", "Where", names("mask", "p", "fill"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).containsExactly("MatMul");
    }
}
