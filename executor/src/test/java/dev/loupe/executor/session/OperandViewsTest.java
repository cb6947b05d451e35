package dev.loupe.executor.session;

import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.loupe.executor.session.FastModeTest.compare;
import static dev.loupe.executor.session.FastModeTest.init;
import static dev.loupe.executor.session.FastModeTest.ops;
import static dev.loupe.executor.session.FastModeTest.shapeInit;
import static dev.loupe.executor.session.TestModels.input;
import static dev.loupe.executor.session.TestModels.names;
import static dev.loupe.executor.session.TestModels.node;
import static dev.loupe.executor.session.TestModels.output;
import static org.assertj.core.api.Assertions.assertThat;

/// [OperandViews] in [ExecutionMode#FAST] against [ExecutionMode#DEBUG]: products read through the splits,
/// reshapes and transposes before them and those nodes do not run, with the unfused results (within float
/// tolerance, [FastModeTest#compare]); chains that are not a strided layout, or not float, run their kernels.
class OperandViewsTest {

    /// PyTorch's self-attention: one product for queries, keys and values, split, cut into heads and
    /// transposed (keys to `[0, 2, 3, 1]`), two products around a softmax.
    @Test
    void attentionReadsTheSplitProjectionInPlace() {
        var g = attention(2, 6, 3, 8);
        output(g, "y");
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).containsExactly("MatMul", "MatMul", "MatMul");
    }

    @Test
    void attentionOnTwoThreads() {
        // 8 heads of 128 x 64: big enough for the products to be spread over two threads.
        var g = attention(1, 128, 8, 64);
        output(g, "y");
        var fast = compare(TestModels.model(g, 13), 2);
        assertThat(ops(fast)).containsExactly("MatMul", "MatMul", "MatMul");
    }

    /// The heads transposed back and merged (`[0, 2, 1, 3]`, then `[batch, seq, width]`) before the output
    /// projection: the second product writes each head's rows straight into the merged result.
    @Test
    void theHeadsAreWrittenStraightIntoTheMergedResult() {
        var g = attention(2, 6, 3, 8);
        mergeHeads(g, 2, 6, 24);
        output(g, "out");
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).containsExactly("MatMul", "MatMul", "MatMul", "MatMul");
    }

    @Test
    void theHeadsAreWrittenStraightIntoTheMergedResultOnTwoThreads() {
        var g = attention(1, 128, 8, 64);
        mergeHeads(g, 1, 128, 512);
        output(g, "out");
        var fast = compare(TestModels.model(g, 13), 2);
        assertThat(ops(fast)).containsExactly("MatMul", "MatMul", "MatMul", "MatMul");
    }

    /// A transpose that moves the products' rows apart (`[0, 1, 3, 2]`): no layout `Sgemm` writes, so the
    /// product is made whole and the transpose's kernel moves it.
    @Test
    void aResultTransposeOfTheLastAxisRunsItsKernel() {
        var g = new Graph(null, "columns");
        input(g, "x", ElementType.FLOAT, 2, 3, 4, 5);
        input(g, "w", ElementType.FLOAT, 5, 6);
        node(g, "mm", "MatMul", names("x", "w"), names("p"));
        node(g, "t", "Transpose", names("p"), names("y"), Attribute.ofInts("perm", 0, 1, 3, 2));
        output(g, "y");
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).containsExactly("MatMul");
    }

    @Test
    void aResultThatIsAGraphOutputIsWrittenWhole() {
        var g = new Graph(null, "read");
        input(g, "x", ElementType.FLOAT, 2, 3, 4, 5);
        input(g, "w", ElementType.FLOAT, 5, 6);
        node(g, "mm", "MatMul", names("x", "w"), names("p"));
        node(g, "t", "Transpose", names("p"), names("y"), Attribute.ofInts("perm", 0, 2, 1, 3));
        output(g, "y");
        output(g, "p");
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).containsExactly("MatMul", "Transpose");
    }

    /// A split part that is also a graph output: the split still runs for it, the products still read in
    /// place.
    @Test
    void aSplitWithAnotherReaderStays() {
        var g = attention(1, 5, 2, 4);
        output(g, "y");
        output(g, "v");
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).containsExactly("MatMul", "Split", "MatMul", "MatMul");
    }

    /// Batches broadcast: a transposed `[2, 3, 4, 5]` times a `[5, 6]` input.
    @Test
    void broadcastBatchesThroughATranspose() {
        var g = new Graph(null, "broadcast");
        input(g, "x", ElementType.FLOAT, 2, 3, 5, 4);
        input(g, "w", ElementType.FLOAT, 5, 6);
        node(g, "t", "Transpose", names("x"), names("xt"), Attribute.ofInts("perm", 0, 1, 3, 2));
        node(g, "mm", "MatMul", names("xt", "w"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).containsExactly("MatMul");
    }

    /// A reshape that merges transposed axes is no strided layout: the chain's kernels run, same result.
    @Test
    void aChainThatIsNoLayoutRunsItsKernels() {
        var g = new Graph(null, "merged");
        input(g, "x", ElementType.FLOAT, 4, 6);
        input(g, "w", ElementType.FLOAT, 8, 5);
        shapeInit(g, "shape", 3, 8);
        node(g, "t", "Transpose", names("x"), names("xt"));
        node(g, "r", "Reshape", names("xt", "shape"), names("a"));
        node(g, "mm", "MatMul", names("a", "w"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).containsExactly("MatMul");
    }

    /// Integers take the node's own kernel after the chain's: exact.
    @Test
    void integerProductsRunTheChainsKernels() {
        var g = new Graph(null, "ints");
        input(g, "x", ElementType.INT64, 3, 4);
        input(g, "w", ElementType.INT64, 3, 2);
        node(g, "t", "Transpose", names("x"), names("xt"));
        node(g, "mm", "MatMul", names("xt", "w"), names("y"));
        output(g, "y");
        var model = TestModels.model(g, 13);
        var debug = Session.create(model);
        var fast = Session.create(model, BuiltinKernels.registry(), SessionOptions.defaults().withMode(ExecutionMode.FAST));
        var inputs = Map.of("x", Tensor.ofLongs(new long[] {3, 4}, 1, -2, 3, 4, 5, 6, -7, 8, 9, 10, 11, -12),
                "w", Tensor.ofLongs(new long[] {3, 2}, 2, 1, 0, -1, 3, 5));
        var expected = (Tensor) debug.run(inputs).output("y");
        var actual = fast.run(inputs);
        assertThat(((Tensor) actual.output("y")).longs()).containsExactly(expected.longs());
        assertThat(expected.longs()).containsExactly(29, 41, 26, 42, 39, 65, -28, -64);
        assertThat(ops(actual)).containsExactly("MatMul");
    }

    /// A reshape alone copies nothing: left as it is.
    @Test
    void aLoneReshapeIsNotAbsorbed() {
        var g = new Graph(null, "reshape");
        input(g, "x", ElementType.FLOAT, 2, 12);
        input(g, "w", ElementType.FLOAT, 4, 5);
        shapeInit(g, "shape", 2, 3, 4);
        node(g, "r", "Reshape", names("x", "shape"), names("a"));
        node(g, "mm", "MatMul", names("a", "w"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).containsExactly("Reshape", "MatMul");
    }

    /// `y` back to `[batch, seq, width]` (heads transposed back and merged) and through a `width x width`
    /// projection into `out`.
    private static void mergeHeads(Graph g, int batch, int seq, int width) {
        shapeInit(g, "merged", batch, seq, width);
        init(g, "proj", new SplittableRandom(12), -0.3f, 0.3f, width, width);
        node(g, "back", "Transpose", names("y"), names("yt"), Attribute.ofInts("perm", 0, 2, 1, 3));
        node(g, "merge", "Reshape", names("yt", "merged"), names("ym"));
        node(g, "projection", "MatMul", names("ym", "proj"), names("out"));
    }

    /// `x [batch, seq, width]` through one product with `w`, split in three along the last axis, each part
    /// reshaped to `[batch, seq, heads, width / heads]` and transposed to heads first (keys to the
    /// transposed matrix), then `softmax(q k^T) v` into `y [batch, heads, seq, width / heads]`.
    private static Graph attention(int batch, int seq, int heads, int headWidth) {
        int width = heads * headWidth;
        var g = new Graph(null, "attention");
        input(g, "x", ElementType.FLOAT, batch, seq, width);
        var random = new SplittableRandom(11);
        init(g, "w", random, -0.3f, 0.3f, width, 3L * width);
        shapeInit(g, "parts", width, width, width);
        shapeInit(g, "heads", batch, seq, heads, headWidth);
        node(g, "qkv", "MatMul", names("x", "w"), names("p"));
        node(g, "split", "Split", names("p", "parts"), names("q", "k", "v"), Attribute.ofInt("axis", -1));
        for (var part : List.of("q", "k", "v")) {
            node(g, "r" + part, "Reshape", names(part, "heads"), names(part + "r"));
        }
        node(g, "tq", "Transpose", names("qr"), names("qt"), Attribute.ofInts("perm", 0, 2, 1, 3));
        node(g, "tk", "Transpose", names("kr"), names("kt"), Attribute.ofInts("perm", 0, 2, 3, 1));
        node(g, "tv", "Transpose", names("vr"), names("vt"), Attribute.ofInts("perm", 0, 2, 1, 3));
        node(g, "scores", "MatMul", names("qt", "kt"), names("s"));
        node(g, "softmax", "Softmax", names("s"), names("sm"), Attribute.ofInt("axis", -1));
        node(g, "context", "MatMul", names("sm", "vt"), names("y"));
        return g;
    }
}
