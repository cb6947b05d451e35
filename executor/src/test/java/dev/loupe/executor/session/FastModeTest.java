package dev.loupe.executor.session;

import dev.loupe.executor.simd.VectorSupport;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.tensor.TensorConversion;
import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.loupe.executor.session.TestModels.input;
import static dev.loupe.executor.session.TestModels.names;
import static dev.loupe.executor.session.TestModels.node;
import static dev.loupe.executor.session.TestModels.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/// [ExecutionMode#FAST] against [ExecutionMode#DEBUG] on small models: each fusion gives the unfused
/// result (within float tolerance) and is skipped when the intermediate value has another reader or is a
/// graph output; folding drops constant-only nodes; recycled storage never overwrites a value still in use.
/// Which nodes ran as steps is read from the run's node statistics (a fused step reports its first node).
class FastModeTest {

    // ---- fusions

    @Test
    void convFollowedByReluIsOneStep() {
        var g = convGraph(true);
        node(g, "relu", "Relu", names("c"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 17));
        assertThat(ops(fast)).containsExactly("Conv");
    }

    /// A MobileNet block: pointwise Conv + Clip then a stride-2 depthwise Conv + Clip, the bounds as inputs:
    /// one step ([dev.loupe.executor.kernels.nn.ExpandedDepthwiseKernel]) whose kernel bounds the expanded values
    /// and applies the second Clip as it writes its result ([dev.loupe.executor.kernel.ClampingKernel]). Without
    /// the vector kernels the two convolutions stay steps of their own, each applying its Clip as it writes.
    @Test
    void expansionAndDepthwiseLayerAreOneStepBoundedAsTheyWrite() {
        var g = mobileNetBlock(1, 2, 1.5f, true);
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).isEqualTo(VectorSupport.enabled() ? List.of("Conv") : List.of("Conv", "Conv"));
        var y = ((Tensor) fast.output("y")).floats();
        assertThat(y).contains(0f, 1.5f);
    }

    @Test
    void expansionAndDepthwiseLayerOnTwoImagesAndTwoThreads() {
        var g = mobileNetBlock(2, 1, 6f, true);
        var fast = compare(TestModels.model(g, 13), 2);
        assertThat(ops(fast)).isEqualTo(VectorSupport.enabled() ? List.of("Conv") : List.of("Conv", "Conv"));
    }

    /// The depthwise layer's result normalized: the normalization folds into it, and the expansion stays a step
    /// of its own.
    @Test
    void expansionStaysApartWhenTheDepthwiseLayerTakesANormalization() {
        var g = mobileNetBlock(1, 2, 6f, false);
        var random = new SplittableRandom(5);
        for (var p : List.of("scale", "shift", "mean", "var")) {
            init(g, p, random, 0.5f, 1.5f, 24);
        }
        node(g, "bn", "BatchNormalization", names("d", "scale", "shift", "mean", "var"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).containsExactly("Conv", "Conv");
    }

    /// A depthwise layer at a horizontal stride of 3, which the direct kernel does not take, stays a step of its
    /// own (and still gives the unfused result).
    @Test
    void depthwiseLayerAtStrideThreeIsNotFused() {
        var g = new Graph(null, "stride3");
        input(g, "x", ElementType.FLOAT, 1, 4, 12, 12);
        var random = new SplittableRandom(7);
        init(g, "w1", random, -1, 1, 16, 4, 1, 1);
        init(g, "w2", random, -1, 1, 16, 1, 3, 3);
        node(g, "expand", "Conv", names("x", "w1"), names("e"));
        node(g, "dw", "Conv", names("e", "w2"), names("y"), Attribute.ofInt("group", 16), Attribute.ofInts("strides", 3, 3));
        output(g, "y");
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).containsExactly("Conv", "Conv");
    }

    /// An expansion with padding is not pointwise: two steps.
    @Test
    void paddedOneByOneConvolutionIsNotFusedWithTheDepthwiseLayer() {
        var g = new Graph(null, "padded");
        input(g, "x", ElementType.FLOAT, 1, 3, 9, 9);
        var random = new SplittableRandom(6);
        init(g, "w1", random, -1, 1, 8, 3, 1, 1);
        init(g, "w2", random, -1, 1, 8, 1, 3, 3);
        node(g, "expand", "Conv", names("x", "w1"), names("e"), Attribute.ofInts("pads", 1, 1, 1, 1));
        node(g, "dw", "Conv", names("e", "w2"), names("y"), Attribute.ofInt("group", 8));
        output(g, "y");
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).containsExactly("Conv", "Conv");
    }

    @Test
    void noFusionWhenTheIntermediateIsAGraphOutput() {
        var g = convGraph(true);
        node(g, "relu", "Relu", names("c"), names("y"));
        output(g, "y");
        output(g, "c");
        var fast = compare(TestModels.model(g, 17));
        assertThat(ops(fast)).containsExactly("Conv", "Relu");
    }

    @Test
    void noFusionWhenTheIntermediateHasAnotherReader() {
        var g = convGraph(true);
        node(g, "relu", "Relu", names("c"), names("r"));
        node(g, "swap", "Transpose", names("c"), names("t"), Attribute.ofInts("perm", 0, 1, 3, 2));
        node(g, "add", "Add", names("t", "r"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 17));
        assertThat(ops(fast)).containsExactly("Conv", "Relu", "Transpose", "Add");
    }

    /// The other reader is elementwise too: `relu(c) + c` is one region, which joins the convolution.
    @Test
    void anElementwiseSecondReaderMakesARegionWithTheFirst() {
        var g = convGraph(true);
        node(g, "relu", "Relu", names("c"), names("r"));
        node(g, "add", "Add", names("c", "r"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 17));
        assertThat(ops(fast)).containsExactly("Conv");
    }

    @Test
    void batchNormalizationFoldsIntoTheConvolutionAndReluJoins() {
        var g = convGraph(false);
        var random = new SplittableRandom(3);
        init(g, "scale", random, 0.5f, 1.5f, 4);
        init(g, "shift", random, -1, 1, 4);
        init(g, "mean", random, -1, 1, 4);
        init(g, "var", random, 0.1f, 2f, 4);
        node(g, "bn", "BatchNormalization", names("c", "scale", "shift", "mean", "var"), names("n"),
                Attribute.ofFloat("epsilon", 1e-3f));
        node(g, "relu", "Relu", names("n"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 15));
        assertThat(ops(fast)).containsExactly("Conv");
    }

    @Test
    void batchNormalizationStaysWhenTheConvolutionResultIsAlsoRead() {
        var g = convGraph(false);
        var random = new SplittableRandom(4);
        for (var p : List.of("scale", "shift", "mean", "var")) {
            init(g, p, random, 0.5f, 1.5f, 4);
        }
        node(g, "bn", "BatchNormalization", names("c", "scale", "shift", "mean", "var"), names("n"));
        node(g, "add", "Add", names("n", "c"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 15));
        assertThat(ops(fast)).containsExactly("Conv", "BatchNormalization", "Add");
    }

    @Test
    void residualAddAndReluJoinTheConvolution() {
        var g = convGraph(true);
        node(g, "add", "Add", names("x4", "c"), names("s"));
        node(g, "relu", "Relu", names("s"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 17));
        assertThat(ops(fast)).containsExactly("Conv");
    }

    @Test
    void matMulWithBiasAndClipIsOneStep() {
        var g = new Graph(null, "mlp");
        input(g, "x", ElementType.FLOAT, 2, 5, 8);
        var random = new SplittableRandom(5);
        init(g, "w", random, -1, 1, 8, 6);
        init(g, "b", random, -1, 1, 6);
        init(g, "lo", random, -0.5f, -0.4f);
        init(g, "hi", random, 0.4f, 0.5f);
        node(g, "mm", "MatMul", names("x", "w"), names("m"));
        node(g, "bias", "Add", names("m", "b"), names("a"));
        node(g, "clip", "Clip", names("a", "lo", "hi"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).containsExactly("MatMul");
    }

    @Test
    void aChainOfInPlaceNodesIsOnePassOverRangesOnTwoThreads() {
        // 2 x 300 x 384 results, enough for two threads: each range gets the row bias, the scale, the leaky
        // ReLU and the clip in turn, the bias row by row from the range's first whole row.
        var g = new Graph(null, "chain");
        input(g, "x", ElementType.FLOAT, 2, 300, 256);
        var random = new SplittableRandom(9);
        init(g, "w", random, -0.1f, 0.1f, 256, 384);
        init(g, "b", random, -1, 1, 384);
        init(g, "scale", random, 1.5f, 2f);
        init(g, "lo", random, -0.6f, -0.5f);
        init(g, "hi", random, 0.5f, 0.6f);
        node(g, "mm", "MatMul", names("x", "w"), names("m"));
        node(g, "bias", "Add", names("b", "m"), names("a"));
        node(g, "scale", "Mul", names("a", "scale"), names("s"));
        node(g, "leaky", "LeakyRelu", names("s"), names("l"), Attribute.ofFloat("alpha", 0.1f));
        node(g, "clip", "Clip", names("l", "lo", "hi"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 13), 2);
        assertThat(ops(fast)).containsExactly("MatMul");
    }

    @Test
    void gemmWithLeakyReluIsOneStepButSubtractingFromAConstantIsNot() {
        var g = new Graph(null, "gemm");
        input(g, "x", ElementType.FLOAT, 3, 8);
        var random = new SplittableRandom(6);
        init(g, "w", random, -1, 1, 8, 5);
        init(g, "one", random, 1, 1, 5);
        node(g, "gemm", "Gemm", names("x", "w"), names("m"));
        node(g, "leaky", "LeakyRelu", names("m"), names("l"), Attribute.ofFloat("alpha", 0.2f));
        node(g, "sub", "Sub", names("one", "l"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).containsExactly("Gemm", "Sub");
    }

    @Test
    void nodesOfConstantsAreFoldedWhenTheSessionIsCreated() {
        var g = new Graph(null, "fold");
        input(g, "x", ElementType.FLOAT, 4, 6);
        var random = new SplittableRandom(7);
        init(g, "p", random, -1, 1, 4, 6);
        init(g, "q", random, -1, 1, 6);
        node(g, "mul", "Mul", names("p", "q"), names("pq"));
        node(g, "add", "Add", names("x", "pq"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 17));
        assertThat(ops(fast)).containsExactly("Add");
    }

    @Test
    void chainsOfConstantNodesFoldWhole() {
        var g = new Graph(null, "chain");
        input(g, "x", ElementType.FLOAT, 4, 6);
        var random = new SplittableRandom(8);
        init(g, "p", random, -1, 1, 4, 6);
        init(g, "q", random, -1, 1, 6);
        init(g, "r", random, 0.5f, 1, 4, 1);
        node(g, "mul", "Mul", names("p", "q"), names("pq"));
        node(g, "div", "Div", names("pq", "r"), names("d"));
        node(g, "neg", "Neg", names("d"), names("n"));
        node(g, "add", "Add", names("x", "n"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 17));
        assertThat(ops(fast)).containsExactly("Add");
    }

    // ---- recycled storage

    @Test
    void storageStillSharedByAViewIsNotReused() {
        var g = new Graph(null, "alias");
        input(g, "x", ElementType.FLOAT, 4, 16);
        shapeInit(g, "flat", 2, 32);
        shapeInit(g, "back", 4, 16);
        node(g, "relu", "Relu", names("x"), names("a"));
        node(g, "view", "Reshape", names("a", "flat"), names("v"));
        node(g, "neg", "Neg", names("x"), names("n"));
        node(g, "abs", "Abs", names("n"), names("b"));
        node(g, "view2", "Reshape", names("v", "back"), names("w"));
        node(g, "add", "Add", names("w", "b"), names("y"));
        output(g, "y");
        var model = TestModels.model(g, 17);
        var fast = Session.create(model, dev.loupe.executor.kernels.BuiltinKernels.registry(), options(ExecutionMode.FAST));
        var debug = Session.create(model);
        for (int run = 0; run < 3; run++) {
            var inputs = Benchmark.randomInputs(debug, run);
            assertClose(fast.run(inputs).output("y"), debug.run(inputs).output("y"));
        }
    }

    @Test
    void outputsOfARunStayValidAfterTheNextRun() {
        var g = convGraph(true);
        node(g, "relu", "Relu", names("c"), names("r"));
        node(g, "neg", "Neg", names("r"), names("y"));
        output(g, "y");
        var session = Session.create(TestModels.model(g, 17), dev.loupe.executor.kernels.BuiltinKernels.registry(),
                options(ExecutionMode.FAST));
        var first = (Tensor) session.run(Benchmark.randomInputs(session, 1)).output("y");
        var copy = first.floats().clone();
        for (int run = 2; run < 5; run++) {
            var later = (Tensor) session.run(Benchmark.randomInputs(session, run)).output("y");
            assertThat(later.data()).isNotSameAs(first.data());
        }
        assertThat(first.floats()).containsExactly(copy);
    }

    @Test
    void valuesKeptByAListenerAreNotReused() {
        var g = convGraph(true);
        // A transpose between the two negations, so that they stay steps of their own (two unary nodes in a
        // row would be one elementwise region, and `n` never made).
        node(g, "neg", "Neg", names("c"), names("n"));
        node(g, "swap", "Transpose", names("n"), names("t"), Attribute.ofInts("perm", 0, 1, 3, 2));
        node(g, "neg2", "Neg", names("t"), names("y"));
        output(g, "y");
        var model = TestModels.model(g, 17);
        var session = Session.create(model, dev.loupe.executor.kernels.BuiltinKernels.registry(), options(ExecutionMode.FAST));
        var inputs = Benchmark.randomInputs(session, 9);
        session.run(inputs);
        var kept = new RetainedValues(RetentionPolicy.all());
        session.run(inputs, new RunControl().addListener(kept));
        var expected = Session.create(model).run(inputs);
        var n = ((Tensor) kept.get("n").orElseThrow()).floats();
        var y = ((Tensor) expected.output("y")).floats();
        // y[0, ch, h, w] = -n[0, ch, w, h] on 4 planes of 6 x 6.
        var swapped = new float[n.length];
        for (int ch = 0; ch < 4; ch++) {
            for (int h = 0; h < 6; h++) {
                for (int w = 0; w < 6; w++) {
                    swapped[(ch * 6 + h) * 6 + w] = n[(ch * 6 + w) * 6 + h];
                }
            }
        }
        assertThat(swapped).containsExactly(negate(y));
    }

    /// Bytes the calling thread allocates per run, FAST against DEBUG, on a residual block. Interpreted
    /// vector loops allocate, so the block runs a few hundred times first for the JIT to compile them (pooling
    /// and softmax, with short loops per call, would need many more runs and are left out of this model).
    /// DEBUG allocates every output; FAST only the graph output and the interpreter's bookkeeping.
    @Test
    void steadyStateRunsAllocateAFractionOfDebugMode() {
        // -1 where the JVM cannot count a thread's allocations (not HotSpot): nothing to measure there.
        assumeThat(Benchmark.allocatedBytes()).isNotNegative();
        var g = new Graph(null, "block");
        input(g, "x", ElementType.FLOAT, 1, 16, 32, 32);
        var random = new SplittableRandom(11);
        init(g, "w1", random, -0.2f, 0.2f, 16, 16, 3, 3);
        init(g, "b1", random, -0.1f, 0.1f, 16);
        init(g, "w2", random, -0.2f, 0.2f, 16, 16, 3, 3);
        for (var p : List.of("scale", "shift", "mean", "var")) {
            init(g, p, random, 0.5f, 1.5f, 16);
        }
        init(g, "fc", random, -0.1f, 0.1f, 16 * 32 * 32, 10);
        shapeInit(g, "flat", 1, 16 * 32 * 32);
        var pads = Attribute.ofInts("pads", 1, 1, 1, 1);
        node(g, "conv1", "Conv", names("x", "w1", "b1"), names("c1"), pads);
        node(g, "relu1", "Relu", names("c1"), names("r1"));
        node(g, "conv2", "Conv", names("r1", "w2"), names("c2"), pads);
        node(g, "bn", "BatchNormalization", names("c2", "scale", "shift", "mean", "var"), names("n"));
        node(g, "res", "Add", names("n", "x"), names("s"));
        node(g, "relu2", "Relu", names("s"), names("r2"));
        node(g, "flatten", "Reshape", names("r2", "flat"), names("f"));
        node(g, "gemm", "Gemm", names("f", "fc"), names("y"));
        output(g, "y");
        var model = TestModels.model(g, 17);
        var debug = Session.create(model);
        var fast = Session.create(model, dev.loupe.executor.kernels.BuiltinKernels.registry(), options(ExecutionMode.FAST));
        var inputs = Benchmark.randomInputs(debug, 1);
        assertClose(fast.run(inputs).output("y"), debug.run(inputs).output("y"));
        Benchmark.run(fast, inputs, 200, 1);
        long debugBytes = Benchmark.run(debug, inputs, 20, 5).allocatedBytesPerRun();
        assertThat(debugBytes).isGreaterThan(300_000);
        // Steady state: the least a round of runs allocates, over rounds until the JIT has caught up (on a
        // loaded machine its compiler threads lag behind the runs, and Vector API code allocates until C2 has
        // compiled it: the edge tiles of the final Gemm run only a few dozen times per run).
        long fastBytes = Long.MAX_VALUE;
        for (int round = 0; round < 60 && fastBytes >= debugBytes / 20; round++) {
            fastBytes = Math.min(fastBytes, Benchmark.run(fast, inputs, 50, 5).allocatedBytesPerRun());
        }
        assertThat(fastBytes).as("FAST bytes per run against DEBUG's %d", debugBytes).isLessThan(debugBytes / 20);
    }

    // ---- helpers

    /// `d = Conv_depthwise(Clip(Conv_1x1(x), 0, hi))` and, when `bounded`, `y = Clip(d, 0, hi)` as the output: 8
    /// channels of 21 x 23 expanded to 24 (three row panels), the depthwise layer 3x3 with padding 1 and `stride`,
    /// over `images` images.
    private static Graph mobileNetBlock(int images, int stride, float hi, boolean bounded) {
        var g = new Graph(null, "block");
        input(g, "x", ElementType.FLOAT, images, 8, 21, 23);
        var random = new SplittableRandom(11);
        init(g, "w1", random, -1, 1, 24, 8, 1, 1);
        init(g, "b1", random, -1, 1, 24);
        init(g, "w2", random, -1, 1, 24, 1, 3, 3);
        init(g, "b2", random, -1, 1, 24);
        init(g, "zero", random, 0, 0);
        init(g, "hi", random, hi, hi);
        node(g, "expand", "Conv", names("x", "w1", "b1"), names("e"));
        node(g, "clip1", "Clip", names("e", "zero", "hi"), names("c1"));
        node(g, "dw", "Conv", names("c1", "w2", "b2"), names("d"), Attribute.ofInts("pads", 1, 1, 1, 1),
                Attribute.ofInts("strides", stride, stride), Attribute.ofInt("group", 24));
        if (bounded) {
            node(g, "clip2", "Clip", names("d", "zero", "hi"), names("y"));
            output(g, "y");
        }
        return g;
    }

    /// `c = Conv(x4, w[, b])` over `x4` of shape [1, 4, 6, 6] with 4 output channels, 3x3, padding 1.
    private static Graph convGraph(boolean bias) {
        var g = new Graph(null, "conv");
        input(g, "x4", ElementType.FLOAT, 1, 4, 6, 6);
        var random = new SplittableRandom(2);
        init(g, "w", random, -1, 1, 4, 4, 3, 3);
        if (bias) {
            init(g, "b", random, -1, 1, 4);
        }
        node(g, "conv", "Conv", bias ? names("x4", "w", "b") : names("x4", "w"), names("c"),
                Attribute.ofInts("pads", 1, 1, 1, 1));
        return g;
    }

    static void init(Graph g, String name, SplittableRandom random, float lo, float hi, long... shape) {
        var t = Tensor.allocate(ElementType.FLOAT, shape);
        for (int i = 0; i < t.size(); i++) {
            t.floats()[i] = lo == hi ? lo : (float) random.nextDouble(lo, hi);
        }
        g.setInitializer(g.valueOrCreate(name), TensorConversion.toTensorData(t, name));
    }

    static void shapeInit(Graph g, String name, long... dims) {
        g.setInitializer(g.valueOrCreate(name), dev.loupe.model.TensorData.ofLongs(name, new long[] {dims.length}, dims));
    }

    private static SessionOptions options(ExecutionMode mode) {
        return SessionOptions.defaults().withMode(mode);
    }

    /// Runs `model` in both modes on the same random inputs (twice in FAST, so the second run reuses storage,
    /// poisoned when recycled) and checks that every output agrees; returns the second FAST result.
    static RunResult compare(Model model) {
        return compare(model, 1);
    }

    /// [#compare(Model)] with `threads` threads for the FAST session.
    static RunResult compare(Model model, int threads) {
        var debug = Session.create(model);
        var fast = Session.create(model, dev.loupe.executor.kernels.BuiltinKernels.registry(),
                options(ExecutionMode.FAST).withThreads(threads), new RecycledStorageTest.PoisoningPool());
        var inputs = Benchmark.randomInputs(debug, 42);
        var expected = debug.run(inputs);
        fast.run(Benchmark.randomInputs(debug, 43));
        var actual = fast.run(inputs);
        for (Map.Entry<String, RuntimeValue> e : expected.outputs().entrySet()) {
            assertClose(actual.output(e.getKey()), e.getValue());
        }
        return actual;
    }

    static List<String> ops(RunResult result) {
        return result.nodeStats().stream().map(s -> s.node().opType()).toList();
    }

    private static void assertClose(RuntimeValue actual, RuntimeValue expected) {
        var a = (Tensor) actual;
        var e = (Tensor) expected;
        assertThat(a.describe()).isEqualTo(e.describe());
        for (int i = 0; i < e.size(); i++) {
            float x = e.floats()[i];
            assertThat(a.floats()[i]).as("element %d", i).isCloseTo(x, org.assertj.core.data.Offset.offset(1e-5f + 1e-5f * Math.abs(x)));
        }
    }

    private static float[] negate(float[] v) {
        var out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }
}
