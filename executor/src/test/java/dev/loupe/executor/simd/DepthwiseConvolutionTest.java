package dev.loupe.executor.simd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DepthwiseConvolutionTest {

    /// Channels, input height and width, kernel height and width, strides, dilations, padding top/left and
    /// bottom/right: square MobileNet layers, odd widths that end in a partial vector, asymmetric and odd
    /// padding (the stride-2 phase split starting on an odd column), dilation, rows wider than two vectors.
    @ParameterizedTest(name = "c{0} {1}x{2} k{3}x{4} s{5},{6} d{7},{8} p{9},{10},{11},{12}")
    @CsvSource({
            "3,9,9,3,3,1,1,1,1,1,1,1,1",
            "4,56,56,3,3,1,1,1,1,1,1,1,1",
            "5,112,112,3,3,2,2,1,1,1,1,1,1",
            "2,15,15,3,3,2,2,1,1,1,1,1,1",
            "3,7,37,5,3,1,2,1,1,2,1,2,1",
            "2,20,45,3,5,2,1,2,2,2,4,2,4",
            "2,13,70,3,3,1,2,1,3,0,3,0,3",
            "1,6,33,1,1,1,2,1,1,0,0,0,0",
            "2,10,66,2,4,2,2,1,1,0,0,1,1",
            "1,4,5,3,3,1,1,1,1,2,2,2,2",
            // Planes of one vector or less (MobileNet's 7 x 7 and 14 x 14), a dilated 3 x 3, padding after only.
            "6,7,7,3,3,1,1,1,1,1,1,1,1",
            "5,14,14,3,3,2,2,1,1,0,0,1,1",
            "3,8,8,3,3,1,1,2,2,2,2,2,2",
            // Rows as far apart as the taps, with an odd number of output rows: stride 2 with dilation 2.
            "2,17,19,3,3,2,2,2,2,2,2,2,2",
            // 3 x 3 at stride 2: padding of 2, different padding above and on the left with output rows of whole
            // vectors, and a plane smaller than a vector without left padding.
            "3,21,40,3,3,2,2,1,1,2,2,2,2",
            "2,9,64,3,3,2,2,1,1,0,1,2,1",
            "2,6,5,3,3,2,2,1,1,1,0,1,0"})
    void matchesDirectSum(int channels, int height, int width, int kh, int kw, int sy, int sx, int dy, int dx,
                          int padTop, int padLeft, int padBottom, int padRight) {
        assumeTrue(VectorSupport.ENABLED, "the direct depthwise kernel needs the vector kernels on");
        int outH = (height + padTop + padBottom - dy * (kh - 1) - 1) / sy + 1;
        int outW = (width + padLeft + padRight - dx * (kw - 1) - 1) / sx + 1;
        var g = new Window2d(height, width, outH, outW, kh, kw, sy, sx, dy, dx, padTop, padLeft);
        assertThat(g.supported()).isTrue();
        var r = new Random(channels * 7919L + height * 31L + width);
        var x = SgemmTest.random(r, 3 + channels * height * width);
        var w = SgemmTest.random(r, 1 + channels * kh * kw);
        var bias = SgemmTest.random(r, channels + 2);
        for (int threads : new int[] {1, 2}) {
            // One thread unbounded, two threads with a fused Clip(-0.3, 0.6).
            var clamp = threads == 1 ? null : new Clamp(-0.3f, 0.6f);
            var y = new float[5 + channels * outH * outW + 4];
            java.util.Arrays.fill(y, Float.NaN);
            DepthwiseConvolution.forward(g, x, 3, channels, w, 1, bias, 2, clamp, y, 5, threads);
            for (int c = 0; c < channels; c++) {
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) {
                        double expected = bias[2 + c];
                        for (int ky = 0; ky < kh; ky++) {
                            for (int kx = 0; kx < kw; kx++) {
                                int iy = oy * sy - padTop + ky * dy;
                                int ix = ox * sx - padLeft + kx * dx;
                                if (iy >= 0 && iy < height && ix >= 0 && ix < width) {
                                    expected += (double) w[1 + (c * kh + ky) * kw + kx] * x[3 + (c * height + iy) * width + ix];
                                }
                            }
                        }
                        if (clamp != null) {
                            expected = Math.min(clamp.hi(), Math.max(clamp.lo(), expected));
                        }
                        assertThat((double) y[5 + (c * outH + oy) * outW + ox])
                                .as("channel %d at (%d, %d), %d threads", c, oy, ox, threads)
                                .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
            }
            for (int i : new int[] {0, 4, y.length - 4, y.length - 1}) {
                assertThat(y[i]).as("untouched element %d", i).isNaN();
            }
        }
    }

    @Test
    void refusesStridesAcrossOverTwo() {
        var g = new Window2d(9, 9, 3, 3, 3, 3, 3, 3, 1, 1, 0, 0);
        assertThat(g.supported()).isFalse();
        assertThatThrownBy(() -> DepthwiseConvolution.forward(g, new float[81], 0, 1, new float[9], 0, null, 0, null, new float[9], 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
