package dev.loupe.executor.session;

import dev.loupe.executor.kernel.CancelledException;
import dev.loupe.executor.kernel.KernelRegistry;
import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.TensorData;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.loupe.executor.session.TestModels.input;
import static dev.loupe.executor.session.TestModels.names;
import static dev.loupe.executor.session.TestModels.node;
import static dev.loupe.executor.session.TestModels.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionTest {

    private static Tensor floats(float... v) {
        return Tensor.ofFloats(new long[] {v.length}, v);
    }

    /// y = Neg(Abs(x)), with the nodes stored in reverse order.
    private static Model reversed() {
        var g = new Graph(null, "g");
        input(g, "x", ElementType.FLOAT, 3);
        node(g, "negate", "Neg", names("a"), names("y"));
        node(g, "absolute", "Abs", names("x"), names("a"));
        output(g, "y");
        return TestModels.model(g, 17);
    }

    @Test
    void runsNodesInDependencyOrderEvenWhenTheFileIsNotSorted() {
        var result = Session.create(reversed()).run(Map.of("x", floats(1, -2, 3)));
        assertThat(((Tensor) result.output("y")).floats()).containsExactly(-1, -2, -3);
        assertThat(result.nodeStats()).extracting(s -> s.node().name()).containsExactly("absolute", "negate");
        assertThat(result.nodeStats().getFirst().outputs()).containsExactly("float[3]");
        assertThat(result.nodeStats().getFirst().bytesAllocated()).isEqualTo(12);
    }

    @Test
    void statsDescribeEveryOutputOfTheLastCall() {
        var g = new Graph(null, "g");
        input(g, "x", ElementType.FLOAT, 2, 3);
        node(g, "split", "Split", names("x"), names("a", "b"), Attribute.ofInt("axis", 1), Attribute.ofInt("num_outputs", 2));
        node(g, "pack", "SequenceConstruct", names("a", "b"), names("s"));
        node(g, "count", "SequenceLength", names("s"), names("n"));
        output(g, "n");
        var result = Session.create(TestModels.model(g, 18)).run(Map.of("x", Tensor.ofFloats(new long[] {2, 3}, 1, 2, 3, 4, 5, 6)));
        assertThat(result.nodeStats()).extracting(NodeStats::outputs)
                .containsExactly(List.of("float[2,2]", "float[2,1]"), List.of("seq(2)"), List.of("int64[]"));
    }

    @Test
    void countsNoNewBytesForAnOutputOverItsInputsStorage() {
        var g = new Graph(null, "g");
        input(g, "x", ElementType.FLOAT, 3);
        node(g, "same", "Identity", names("x"), names("x1"));
        node(g, "negate", "Neg", names("x1"), names("y"));
        output(g, "y");
        var stats = Session.create(TestModels.model(g, 17)).run(Map.of("x", floats(1, -2, 3))).nodeStats();
        assertThat(stats).extracting(NodeStats::bytesAllocated).containsExactly(0L, 12L);
    }

    @Test
    void reportsEachInputMismatchOnOneLine() {
        var session = Session.create(reversed());
        assertThatThrownBy(() -> session.run(Map.of()))
                .isInstanceOf(InputMismatchException.class).hasMessage("input 'x' (float[3]) is missing");
        assertThatThrownBy(() -> session.run(Map.of("x", Tensor.ofLongs(new long[] {3}, 1, 2, 3))))
                .hasMessage("input 'x' expects float[3] but got int64[3]");
        assertThatThrownBy(() -> session.run(Map.of("x", Tensor.ofFloats(new long[] {1, 3}, 1, 2, 3))))
                .hasMessage("input 'x' expects float[3] but got float[1,3]");
        assertThatThrownBy(() -> session.run(Map.of("x", floats(1, 2, 3), "z", floats(1))))
                .hasMessage("'z' is not an input of the model (inputs: x)");
    }

    @Test
    void refusesAnUnknownOperatorWhenCreated() {
        var g = new Graph(null, "g");
        input(g, "x", ElementType.FLOAT, 3);
        node(g, "mystery", "Frobnicate", names("x"), names("y"));
        output(g, "y");
        assertThatThrownBy(() -> Session.create(TestModels.model(g, 17)))
                .isInstanceOf(UnsupportedOperatorException.class)
                .hasMessage("unsupported operator Frobnicate (domain ai.onnx, opset 17) at node 'mystery': no such operator in this domain")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void refusesAnOperatorThatHasNoKernelAtTheModelsOpset() {
        var g = new Graph(null, "g");
        input(g, "x", ElementType.FLOAT, 3);
        node(g, "gelu", "Gelu", names("x"), names("y"));
        output(g, "y");
        assertThatThrownBy(() -> Session.create(TestModels.model(g, 17)))
                .isInstanceOf(UnsupportedOperatorException.class)
                .hasMessage("unsupported operator Gelu (domain ai.onnx, opset 17) at node 'gelu': Loupe has kernels from version 20 only");
    }

    @Test
    void namesTheNodeWhenAReshapeIsImpossible() {
        var g = new Graph(null, "g");
        input(g, "x", ElementType.FLOAT, 2, 3);
        g.setInitializer(g.valueOrCreate("shape"), TensorData.ofLongs("shape", new long[] {1}, 4));
        node(g, "reshape", "Reshape", names("x", "shape"), names("y"));
        output(g, "y");
        var session = Session.create(TestModels.model(g, 17));
        assertThatThrownBy(() -> session.run(Map.of("x", Tensor.ofFloats(new long[] {2, 3}, 1, 2, 3, 4, 5, 6))))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageStartingWith("node 'reshape' (Reshape): ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static Model chain() {
        var g = new Graph(null, "g");
        input(g, "x", ElementType.FLOAT, 100);
        node(g, "first", "Neg", names("x"), names("a"));
        node(g, "second", "Neg", names("a"), names("b"));
        node(g, "sum", "Add", names("a", "b"), names("y"));
        output(g, "y");
        return TestModels.model(g, 17);
    }

    @Test
    void stopsATensorOverTheSizeCapWithTheNodeAndShape() {
        var session = Session.create(chain(), BuiltinKernels.registry(), SessionOptions.defaults().withMaxTensorBytes(256));
        assertThatThrownBy(() -> session.run(Map.of("x", Tensor.allocate(ElementType.FLOAT, 100))))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessage("node 'first' (Neg): a float[100] tensor needs 400 bytes, over the limit of 256 bytes per tensor");
    }

    @Test
    void stopsWhenLiveValuesExceedTheirCap() {
        var session = Session.create(chain(), BuiltinKernels.registry(), SessionOptions.defaults().withMaxLiveBytes(1000));
        assertThatThrownBy(() -> session.run(Map.of("x", Tensor.allocate(ElementType.FLOAT, 100))))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessage("node 'sum' (Add): live values need 1200 bytes after it produced float[100], over the limit of 1000 bytes");
        var roomy = Session.create(chain(), BuiltinKernels.registry(), SessionOptions.defaults().withMaxLiveBytes(1200));
        assertThat(roomy.run(Map.of("x", Tensor.allocate(ElementType.FLOAT, 100))).peakLiveBytes()).isEqualTo(1200);
    }

    @Test
    void refusesAValueNothingDefines() {
        var g = new Graph(null, "g");
        input(g, "x", ElementType.FLOAT, 3);
        node(g, "add", "Add", names("x", "ghost"), names("y"));
        output(g, "y");
        assertThatThrownBy(() -> Session.create(TestModels.model(g, 17)))
                .isInstanceOf(SessionException.class)
                .hasMessage("node 'add' (Add) reads 'ghost', which no node, input or initializer defines");
    }

    @Test
    void expandsModelLocalFunctionsWithTheCallersAttributesOrTheDefaults() {
        var x = Map.of("x", floats(1, -3));
        assertThat(((Tensor) Session.create(TestModels.withLocalFunction(3f)).run(x).output("y")).floats()).containsExactly(3, -9);
        var result = Session.create(TestModels.withLocalFunction(null)).run(x);
        assertThat(((Tensor) result.output("y")).floats()).containsExactly(2, -6);
        assertThat(result.nodeStats()).extracting(s -> s.node().name() + "@" + s.depth()).contains("m@1", "scale@0");
    }

    @Test
    void expandsAnOperatorsSchemaFunctionWhenNoKernelExists() {
        var full = BuiltinKernels.registry();
        var partial = new KernelRegistry();
        for (var op : List.of("Greater", "Equal", "Or")) {
            partial.register("", op, 16, full.resolve("", op, 16).orElseThrow().factory());
        }
        var g = new Graph(null, "g");
        input(g, "a", ElementType.FLOAT, 3);
        input(g, "b", ElementType.FLOAT, 3);
        node(g, "ge", "GreaterOrEqual", names("a", "b"), names("y"));
        output(g, "y");
        var session = Session.create(TestModels.model(g, 16), partial, SessionOptions.defaults());
        var y = (Tensor) session.run(Map.of("a", floats(1, 2, 3), "b", floats(2, 2, 2))).output("y");
        assertThat(y.bytes()).containsExactly(0, 1, 1);
    }

    @Test
    void countsCallsOfNodesInsideLoopBodies() {
        var result = Session.create(TestModels.accumulatingLoop()).run(Map.of("M", Tensor.scalarLong(4),
                "acc0", floats(0), "step", floats(1)));
        var accumulate = result.nodeStats().stream().filter(s -> s.node().name().equals("accumulate")).findFirst().orElseThrow();
        assertThat(accumulate.calls()).isEqualTo(4);
        assertThat(accumulate.depth()).isEqualTo(1);
        assertThat(((Tensor) result.output("y")).floats()).containsExactly(-4);
    }

    @Test
    void aPlainRunCanBeCancelledFromAnotherThread() throws Exception {
        var session = Session.create(TestModels.accumulatingLoop());
        var control = new RunControl();
        var canceller = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            control.cancel();
        });
        assertThatThrownBy(() -> session.run(Map.of("M", Tensor.scalarLong(Long.MAX_VALUE), "acc0", floats(0), "step", floats(1)), control))
                .isInstanceOf(CancelledException.class);
        canceller.join();
    }
}
