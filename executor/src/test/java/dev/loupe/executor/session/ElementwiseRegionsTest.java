package dev.loupe.executor.session;

import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static dev.loupe.executor.session.FastModeTest.compare;
import static dev.loupe.executor.session.FastModeTest.init;
import static dev.loupe.executor.session.FastModeTest.ops;
import static dev.loupe.executor.session.TestModels.input;
import static dev.loupe.executor.session.TestModels.names;
import static dev.loupe.executor.session.TestModels.node;
import static dev.loupe.executor.session.TestModels.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/// [ElementwiseRegions] in [ExecutionMode#FAST] against [ExecutionMode#DEBUG] ([FastModeTest#compare]): the
/// nodes of a GELU or SiLU written out run as one step, joined to the product or convolution before them;
/// a region value read elsewhere ends the region before it; inputs the blocks do not take run node by node.
class ElementwiseRegionsTest {

    /// PyTorch's exact GELU after a product with a bias: `x / √2`, `erf`, `+ 1`, `x *`, `* 0.5`.
    @Test
    void erfGeluJoinsTheProduct() {
        var g = product(2, 5, 8, 12);
        gelu(g, "h", "y");
        output(g, "y");
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).containsExactly("MatMul");
    }

    /// 128 x 2,048 results (as the encoder's), on two threads: several blocks per range, a last short block.
    @Test
    void erfGeluOnTwoThreads() {
        var g = product(1, 130, 64, 2048);
        gelu(g, "h", "y");
        output(g, "y");
        var fast = compare(TestModels.model(g, 13), 2);
        assertThat(ops(fast)).containsExactly("MatMul");
    }

    /// GPT-2's tanh GELU on an input: nine nodes, `x` read by four of them, as one step of its own.
    @Test
    void tanhGeluIsOneStep() {
        var g = new Graph(null, "tanh-gelu");
        input(g, "x", ElementType.FLOAT, 3, 1000);
        var random = new SplittableRandom(3);
        init(g, "cubic", random, 0.044715f, 0.044715f);
        init(g, "scale", random, 0.7978846f, 0.7978846f);
        init(g, "one", random, 1f, 1f);
        init(g, "half", random, 0.5f, 0.5f);
        node(g, "sq", "Mul", names("x", "x"), names("x2"));
        node(g, "cube", "Mul", names("x", "x2"), names("x3"));
        node(g, "c3", "Mul", names("cubic", "x3"), names("cx3"));
        node(g, "inner", "Add", names("x", "cx3"), names("u"));
        node(g, "scaled", "Mul", names("scale", "u"), names("su"));
        node(g, "tanh", "Tanh", names("su"), names("t"));
        node(g, "plus", "Add", names("one", "t"), names("t1"));
        node(g, "times", "Mul", names("x", "t1"), names("xt"));
        node(g, "halve", "Mul", names("half", "xt"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).containsExactly("Mul");
    }

    /// SiLU after a convolution: `c * sigmoid(c)` joins the convolution.
    @Test
    void siluJoinsTheConvolution() {
        var g = new Graph(null, "silu");
        input(g, "x", ElementType.FLOAT, 1, 3, 10, 10);
        init(g, "w", new SplittableRandom(4), -1, 1, 6, 3, 3, 3);
        node(g, "conv", "Conv", names("x", "w"), names("c"), Attribute.ofInts("pads", 1, 1, 1, 1));
        node(g, "sig", "Sigmoid", names("c"), names("s"));
        node(g, "mul", "Mul", names("c", "s"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).containsExactly("Conv");
    }

    /// The `erf` result is also a graph output: the region ends with it (`/ √2`, `erf`: a step of its own, as
    /// `x` is read after it too), and the rest (`+ 1`, `x *`, `* 0.5`) is arithmetic applied in place after
    /// the `Add`.
    @Test
    void aRegionValueReadElsewhereEndsTheRegion() {
        var g = product(1, 4, 8, 16);
        gelu(g, "h", "y");
        output(g, "y");
        output(g, "e");
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).containsExactly("MatMul", "Div", "Add");
        assertThat(((Tensor) fast.output("e")).size()).isEqualTo(64);
    }

    /// A float64 input takes the nodes' kernels one by one (the blocks are float32), with their results.
    @Test
    void doublesRunNodeByNode() {
        var g = new Graph(null, "doubles");
        input(g, "x", ElementType.DOUBLE, 5);
        node(g, "sq", "Mul", names("x", "x"), names("x2"));
        node(g, "tanh", "Tanh", names("x2"), names("y"));
        output(g, "y");
        var model = TestModels.model(g, 13);
        var fast = Session.create(model, BuiltinKernels.registry(), SessionOptions.defaults().withMode(ExecutionMode.FAST));
        var x = Tensor.allocate(ElementType.DOUBLE, 5);
        var values = new double[] {-2, -0.5, 0, 0.25, 3};
        System.arraycopy(values, 0, x.doubles(), 0, 5);
        var result = fast.run(Map.of("x", x));
        var y = ((Tensor) result.output("y")).doubles();
        for (int i = 0; i < 5; i++) {
            assertThat(y[i]).isCloseTo(Math.tanh(values[i] * values[i]), offset(1e-15));
        }
        assertThat(ops(result)).containsExactly("Mul");
    }

    /// A scalar input with a one-element `[1]` constant: the result has shape `[1]`, not the input's, so the
    /// nodes run one by one.
    @Test
    void aConstantWithMoreAxesRunsNodeByNode() {
        var g = new Graph(null, "scalar");
        input(g, "x", ElementType.FLOAT);
        init(g, "c", new SplittableRandom(5), 2f, 2f, 1);
        node(g, "scale", "Mul", names("x", "c"), names("s"));
        node(g, "erf", "Erf", names("s"), names("e"));
        node(g, "square", "Mul", names("e", "e"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 13));
        assertThat(((Tensor) fast.output("y")).shape()).containsExactly(1);
        assertThat(ops(fast)).containsExactly("Mul");
    }

    /// Arithmetic with constants alone stays with the in-place epilogues: nothing changes.
    @Test
    void arithmeticAloneIsNoRegion() {
        var g = product(1, 4, 8, 16);
        init(g, "two", new SplittableRandom(6), 2f, 2f);
        node(g, "double", "Mul", names("h", "two"), names("d"));
        node(g, "shift", "Add", names("d", "two"), names("y"));
        output(g, "y");
        var fast = compare(TestModels.model(g, 13));
        assertThat(ops(fast)).containsExactly("MatMul");
    }

    /// `x [batch, rows, inner]` times `w [inner, outer]` plus a bias, into `h`.
    private static Graph product(int batch, int rows, int inner, int outer) {
        var g = new Graph(null, "product");
        input(g, "x", ElementType.FLOAT, batch, rows, inner);
        var random = new SplittableRandom(1);
        init(g, "w", random, -0.5f, 0.5f, inner, outer);
        init(g, "b", random, -0.5f, 0.5f, outer);
        node(g, "mm", "MatMul", names("x", "w"), names("m"));
        node(g, "bias", "Add", names("b", "m"), names("h"));
        return g;
    }

    /// PyTorch's exact GELU of `in` into `out`, its `erf` result named `e`.
    private static void gelu(Graph g, String in, String out) {
        var random = new SplittableRandom(2);
        init(g, "root2", random, 1.4142135f, 1.4142135f);
        init(g, "one", random, 1f, 1f);
        init(g, "half", random, 0.5f, 0.5f);
        node(g, "div", "Div", names(in, "root2"), names("d"));
        node(g, "erf", "Erf", names("d"), names("e"));
        node(g, "plus", "Add", names("e", "one"), names("e1"));
        node(g, "times", "Mul", names(in, "e1"), names("p"));
        node(g, "halve", "Mul", names("p", "half"), names(out));
    }
}
