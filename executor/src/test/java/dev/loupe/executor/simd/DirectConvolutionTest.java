package dev.loupe.executor.simd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DirectConvolutionTest {

    /// Channels, output channels, input height and width, kernel, stride, padding before and after, dilation.
    @ParameterizedTest(name = "c{0} m{1} {2}x{3} k{4} s{5} p{6},{7} d{8}")
    @CsvSource({
            // ResNet's stem, smaller: 7x7 at stride 2, 3 channels.
            "3,16,64,64,7,2,3,3,1",
            // MobileNet's stem: 3x3 at stride 2, output rows exactly one vector wide.
            "3,32,32,32,3,2,1,1,1",
            // Stride 1, output channels not a multiple of 8, rows ending inside a tile.
            "1,5,20,37,3,1,1,1,1",
            // Padding after only (TensorFlow's "same" at stride 2), odd width.
            "2,9,17,35,3,2,0,1,1",
            // Dilated taps.
            "4,8,30,40,3,1,2,2,2",
            // 484 weight columns: more than one K block of the packed weights.
            "4,12,40,44,11,2,5,5,1"})
    void matchesDirectSum(int c, int m, int height, int width, int kernel, int stride, int padBefore, int padAfter,
                          int dilation) {
        assumeTrue(VectorSupport.ENABLED, "the direct kernel needs the vector kernels");
        int outH = (height + padBefore + padAfter - dilation * (kernel - 1) - 1) / stride + 1;
        int outW = (width + padBefore + padAfter - dilation * (kernel - 1) - 1) / stride + 1;
        var window = new Window2d(height, width, outH, outW, kernel, kernel, stride, stride, dilation, dilation, padBefore,
                padBefore);
        assertThat(DirectConvolution.suits(window, c)).isTrue();
        var r = new Random(c * 1000L + m * 10L + width);
        int taps = kernel * kernel;
        var x = SgemmTest.random(r, 2 + c * height * width);
        var w = SgemmTest.random(r, m * c * taps);
        var bias = SgemmTest.random(r, m + 1);
        var weights = PackedA.of(w, 0, m, c * taps, c * taps, 1, 1f);
        for (int threads : new int[] {1, 2}) {
            for (var clamp : new Clamp[] {null, new Clamp(-0.25f, 0.5f)}) {
                var y = new float[m * outH * outW + 3];
                DirectConvolution.forward(window, x, 2, c, weights, bias, 1, clamp, y, 3, threads);
                for (int o = 0; o < m; o++) {
                    for (int oy = 0; oy < outH; oy++) {
                        for (int ox = 0; ox < outW; ox++) {
                            double sum = bias[1 + o];
                            double magnitude = Math.abs(sum);
                            for (int ch = 0; ch < c; ch++) {
                                for (int ky = 0; ky < kernel; ky++) {
                                    for (int kx = 0; kx < kernel; kx++) {
                                        int iy = oy * stride - padBefore + ky * dilation;
                                        int ix = ox * stride - padBefore + kx * dilation;
                                        if (iy >= 0 && iy < height && ix >= 0 && ix < width) {
                                            double term = (double) w[(o * c + ch) * taps + ky * kernel + kx]
                                                    * x[2 + (ch * height + iy) * width + ix];
                                            sum += term;
                                            magnitude += Math.abs(term);
                                        }
                                    }
                                }
                            }
                            double want = clamp == null ? sum : Math.min(clamp.hi(), Math.max(clamp.lo(), sum));
                            assertThat((double) y[3 + (o * outH + oy) * outW + ox])
                                    .as("o %d at (%d, %d) on %d threads", o, oy, ox, threads)
                                    .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-6 * (1 + magnitude)));
                        }
                    }
                }
                assertThat(y[0]).isZero();
                assertThat(y[2]).isZero();
                // The same sums in the same order as im2col and the packed product, bit for bit — except where the
                // product's last one to three rows run on its one-row kernel, which sums even and odd terms apart.
                if (m % 4 == 0) {
                    var packed = new float[y.length];
                    Convolution.forward(im2colPlan(window), x, 2, c, weights, bias, 1, clamp, packed, 3, threads);
                    assertThat(y).as("on %d threads", threads).containsExactly(packed);
                }
            }
        }
    }

    /// The gather table of `w`'s taps (input index of each tap and output position, -1 in the padding).
    private static Convolution.Plan im2colPlan(Window2d w) {
        int taps = w.kernelHeight() * w.kernelWidth();
        int outSize = w.outHeight() * w.outWidth();
        var table = new int[taps * outSize];
        for (int ky = 0; ky < w.kernelHeight(); ky++) {
            for (int kx = 0; kx < w.kernelWidth(); kx++) {
                for (int oy = 0; oy < w.outHeight(); oy++) {
                    for (int ox = 0; ox < w.outWidth(); ox++) {
                        int iy = oy * w.strideY() - w.padTop() + ky * w.dilationY();
                        int ix = ox * w.strideX() - w.padLeft() + kx * w.dilationX();
                        boolean inside = iy >= 0 && iy < w.height() && ix >= 0 && ix < w.width();
                        table[(ky * w.kernelWidth() + kx) * outSize + oy * w.outWidth() + ox] = inside ? iy * w.width() + ix : -1;
                    }
                }
            }
        }
        return Convolution.plan(table, taps, w.height() * w.width(), outSize);
    }

    @Test
    void refusesManyChannelsNarrowRowsAndMismatchedWeights() {
        assumeTrue(VectorSupport.ENABLED, "the direct kernel needs the vector kernels");
        var window = new Window2d(32, 32, 32, 32, 3, 3, 1, 1, 1, 1, 1, 1);
        assertThat(DirectConvolution.suits(window, 3)).isTrue();
        assertThat(DirectConvolution.suits(window, 16)).isFalse();
        var narrow = new Window2d(8, 8, 8, 8, 3, 3, 1, 1, 1, 1, 1, 1);
        assertThat(DirectConvolution.suits(narrow, 3)).isFalse();
        var stride3 = new Window2d(64, 64, 22, 22, 3, 3, 3, 3, 1, 1, 1, 1);
        assertThat(DirectConvolution.suits(stride3, 3)).isFalse();
        var weights = PackedA.of(new float[8 * 18], 0, 8, 18, 18, 1, 1f);
        assertThatThrownBy(() -> DirectConvolution.forward(window, new float[3 * 32 * 32], 0, 3, weights, null, 0, null,
                new float[8 * 32 * 32], 0, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depth 18");
    }
}
