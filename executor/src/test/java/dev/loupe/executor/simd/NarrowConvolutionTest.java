package dev.loupe.executor.simd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NarrowConvolutionTest {

    /// Channels, output channels, input size, kernel, stride, padding: 7 x 7 outputs (six full rows of positions
    /// and one alone), from a stride-2 layer, output channels that leave a partial column panel, a pointwise
    /// layer, a 1 x 1 map, 5 x 5 outputs (a last row of one position), 10 x 10 outputs (four panels of positions,
    /// two parts at two threads).
    @ParameterizedTest(name = "c{0} m{1} {2}x{2} k{3} s{4} p{5}")
    @CsvSource({"128,96,7,3,1,1", "64,40,14,3,2,1", "160,64,7,1,1,0", "48,72,1,1,1,0", "16,33,5,3,1,1", "256,64,10,3,1,1"})
    void forwardMatchesDirectSum(int c, int m, int size, int kernel, int stride, int pad) {
        assumeTrue(VectorSupport.ENABLED, "the transposed product needs the vector kernels on");
        var r = new Random(c * 1000L + m * 10L + size);
        int out = (size + 2 * pad - kernel) / stride + 1;
        var table = ConvolutionTest.table(size, kernel, stride, pad, 1, out);
        int taps = kernel * kernel;
        var plan = Convolution.plan(table, taps, size * size, out * out);
        var x = SgemmTest.random(r, 2 + c * size * size);
        var w = SgemmTest.random(r, 1 + m * c * taps);
        var bias = SgemmTest.random(r, m + 1);
        var expected = ConvolutionTest.direct(x, 2, c, size, java.util.Arrays.copyOfRange(w, 1, w.length), bias, 1, m, taps,
                table, out * out);
        var weights = NarrowConvolution.weights(w, 1, m, c * taps);
        for (int threads : new int[] {1, 2}) {
            for (var clamp : new Clamp[] {null, new Clamp(-0.25f, 0.5f)}) {
                var y = new float[m * out * out + 4];
                NarrowConvolution.forward(plan, x, 2, c, weights, bias, 1, clamp, y, 3, threads);
                for (int i = 0; i < expected.length; i++) {
                    double want = clamp == null ? expected[i] : Math.min(clamp.hi(), Math.max(clamp.lo(), expected[i]));
                    assertThat((double) y[3 + i]).as("output %d, %d threads", i, threads)
                            .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-4));
                }
                assertThat(y[0]).isZero();
                assertThat(y[y.length - 1]).isZero();
            }
        }
    }

    /// The layers the method is for: ResNet's last stage (7 x 7, 512 channels, 3 x 3) and 1 x 1 maps; not 14 x 14
    /// outputs (padded nearly as little as rows), shallow pointwise layers or too few channels for a panel.
    @Test
    void paysForDeepLayersWithFewPositions() {
        assumeTrue(VectorSupport.ENABLED && VectorSupport.LANES >= MicroKernels.MR, "needs vectors of eight lanes");
        assertThat(NarrowConvolution.pays(49, 512, 4608)).isTrue();
        assertThat(NarrowConvolution.pays(49, 512, 2304)).isTrue();
        assertThat(NarrowConvolution.pays(1, 256, 2048)).isTrue();
        assertThat(NarrowConvolution.pays(196, 256, 2304)).isFalse();
        assertThat(NarrowConvolution.pays(3136, 64, 1152)).isFalse();
        assertThat(NarrowConvolution.pays(49, 1280, 320)).isFalse();
        assertThat(NarrowConvolution.pays(49, 8, 4608)).isFalse();
    }
}
