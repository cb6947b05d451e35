package dev.loupe.executor.simd;

import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.session.SessionOptions;
import dev.loupe.executor.session.TestModels;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.TensorData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Random;

import static dev.loupe.executor.session.TestModels.names;
import static org.assertj.core.api.Assertions.assertThat;

/// MatMul, Gemm (transposed B) and Conv with constant weights through a session: the weights are packed on
/// the first run and reused, and a second run with new inputs still gives the right answer.
class ConstantWeightsSessionTest {

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2})
    void repeatedRunsWithPackedWeightsStayCorrect(int threads) {
        var r = new Random(3);
        int k = 40;
        int n = 70;
        var w = SgemmTest.random(r, k * n);
        var g = new Graph(null, "weights");
        TestModels.input(g, "x", ElementType.FLOAT, 2, 5, k);
        g.setInitializer(g.valueOrCreate("w"), TensorData.ofFloats("w", new long[] {k, n}, w));
        TestModels.node(g, "mm", "MatMul", names("x", "w"), names("y"));
        TestModels.output(g, "y");
        var wt = SgemmTest.random(r, n * k);
        TestModels.input(g, "a", ElementType.FLOAT, 3, k);
        g.setInitializer(g.valueOrCreate("wt"), TensorData.ofFloats("wt", new long[] {n, k}, wt));
        TestModels.node(g, "gemm", "Gemm", names("a", "wt"), names("z"), Attribute.ofInt("transB", 1), Attribute.ofFloat("alpha", 2f));
        TestModels.output(g, "z");
        var cw = SgemmTest.random(r, 6 * 4 * 9);
        TestModels.input(g, "img", ElementType.FLOAT, 1, 4, 10, 10);
        g.setInitializer(g.valueOrCreate("cw"), TensorData.ofFloats("cw", new long[] {6, 4, 3, 3}, cw));
        TestModels.node(g, "conv", "Conv", names("img", "cw"), names("c"), Attribute.ofInts("pads", 1, 1, 1, 1));
        TestModels.output(g, "c");
        var session = Session.create(TestModels.model(g, 17), BuiltinKernels.registry(), SessionOptions.defaults().withThreads(threads));
        for (int run = 0; run < 3; run++) {
            var x = SgemmTest.random(r, 2 * 5 * k);
            var a = SgemmTest.random(r, 3 * k);
            var img = SgemmTest.random(r, 4 * 100);
            var out = session.run(Map.of("x", Tensor.ofFloats(new long[] {2, 5, k}, x), "a", Tensor.ofFloats(new long[] {3, k}, a),
                    "img", Tensor.ofFloats(new long[] {1, 4, 10, 10}, img)));
            assertClose(((Tensor) out.output("y")).floats(), SgemmTest.reference(10, n, k, x, 0, k, 1, w, 0, n, 1));
            var z = SgemmTest.reference(3, n, k, a, 0, k, 1, wt, 0, 1, k);
            for (int i = 0; i < z.length; i++) {
                z[i] *= 2;
            }
            assertClose(((Tensor) out.output("z")).floats(), z);
            var table = ConvolutionTest.table(10, 3, 1, 1, 1, 10);
            var conv = ((Tensor) out.output("c")).floats();
            assertThat(conv).hasSize(6 * 100);
            for (int o = 0; o < 6; o++) {
                for (int p = 0; p < 100; p++) {
                    double s = 0;
                    for (int ch = 0; ch < 4; ch++) {
                        for (int t = 0; t < 9; t++) {
                            int off = table[t * 100 + p];
                            s += off < 0 ? 0 : (double) cw[(o * 4 + ch) * 9 + t] * img[ch * 100 + off];
                        }
                    }
                    assertThat((double) conv[o * 100 + p]).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-4));
                }
            }
        }
    }

    private static void assertClose(float[] actual, double[] expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("element %d", i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4));
        }
    }
}
