package dev.loupe.executor.simd;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/// The expansion and the depthwise layer in one pass against the two layers one after the other (the
/// pointwise layer as a product from its bias, [DepthwiseConvolution] on its whole result): the same bits,
/// since both use the same micro-kernels and the same channel loop.
class ExpandedDepthwiseTest {

    @BeforeAll
    static void vectorsOn() {
        assumeTrue(VectorSupport.ENABLED, "ExpandedDepthwise exists only with the vector kernels on (callers check)");
    }

    /// Input channels, expanded channels, input height and width, kernel side, stride, dilation, padding before
    /// and after, bias, both bounds, threads: MobileNet's shapes scaled down, expanded channels that fill no
    /// whole chunk (20, 3, 72, 40), a chunk count that the parts do not share evenly, a plane smaller than a
    /// vector, neither bias nor bound, padding only after (TensorFlow's "same" at stride 2), a 5x5 kernel and a
    /// dilated one. Output rows of more than half a vector go through planes (the first eight cases), shorter
    /// ones through the lanes.
    @ParameterizedTest(name = "k{0} m{1} {2}x{3} kernel {4} s{5} d{6} p{7},{8} bias {9} bounds {10} t{11}")
    @CsvSource({
            "16,96,56,56,3,2,1,1,1,true,true,2",
            "24,40,34,33,3,1,1,1,1,true,false,2",
            "5,20,40,40,3,2,1,1,1,false,true,1",
            "8,24,21,23,3,1,1,0,0,true,true,1",
            "16,96,28,28,3,2,1,1,1,true,true,1",
            "16,96,28,28,3,2,1,1,1,true,true,2",
            "24,144,14,14,3,1,1,1,1,true,true,2",
            "6,32,20,19,5,1,2,4,4,true,true,2",
            "5,20,13,11,3,2,1,1,1,true,false,2",
            "3,3,9,8,3,1,1,1,1,false,false,1",
            "7,40,4,3,3,2,1,1,1,true,true,2",
            "160,72,7,7,3,1,1,1,1,false,true,2",
            "12,64,14,14,3,2,1,0,1,true,true,2",
            "9,48,8,8,5,1,1,2,2,true,true,1",
            "4,32,7,6,3,1,2,2,2,false,true,2"})
    void matchesTheTwoLayersInTurn(int k, int m, int h, int w, int kernel, int stride, int dilation, int padBefore, int padAfter,
                                   boolean bias, boolean bounds, int threads) {
        var random = new Random(k * 31L + m);
        int span = (kernel - 1) * dilation + 1;
        int oh = (h + padBefore + padAfter - span) / stride + 1;
        int ow = (w + padBefore + padAfter - span) / stride + 1;
        var window = new Window2d(h, w, oh, ow, kernel, kernel, stride, stride, dilation, dilation, padBefore, padBefore);
        int taps = kernel * kernel;
        int images = 2;
        var x = gaussian(random, images * k * h * w);
        var wA = gaussian(random, m * k);
        var biasA = bias ? gaussian(random, m) : null;
        var wB = gaussian(random, m * taps);
        var biasB = bias ? gaussian(random, m) : null;
        var clampA = bounds ? new Clamp(0f, 1f) : null;
        var clampB = bounds ? new Clamp(-0.5f, 2f) : null;
        int outPlanes = m * oh * ow;
        var expected = new float[images * outPlanes];
        var expanded = new float[m * h * w];
        var packed = PackedA.of(wA, 0, m, k, k, 1, 1f);
        for (int img = 0; img < images; img++) {
            Sgemm.multiplyBiased(packed, x, img * k * h * w, h * w, h * w, expanded, 0, h * w, biasA, 0, clampA, 1);
            DepthwiseConvolution.forward(window, expanded, 0, m, wB, 0, biasB, 0, clampB, expected, img * outPlanes, 1);
        }
        var actual = new float[images * outPlanes + 5];
        Arrays.fill(actual, Float.NaN);
        var weights = ExpandedDepthwise.Weights.of(k, m, wA, biasA, wB, biasB);
        for (int img = 0; img < images; img++) {
            ExpandedDepthwise.forward(window, x, img * k * h * w, weights, clampA, clampB, actual, img * outPlanes, threads);
        }
        if (ExpandedDepthwiseLanes.suits(window)) {
            // The transposed product sums a last row of fewer than four positions in another order.
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as("output %d", i).isCloseTo(expected[i], within(1e-5f * (1 + Math.abs(expected[i]))));
            }
        } else {
            assertThat(Arrays.copyOf(actual, expected.length)).containsExactly(expected);
        }
        assertThat(Arrays.copyOfRange(actual, expected.length, actual.length)).as("past the output").containsOnly(Float.NaN);
    }

    private static float[] gaussian(Random random, int n) {
        var v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
