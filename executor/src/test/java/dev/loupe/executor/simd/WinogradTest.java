package dev.loupe.executor.simd;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class WinogradTest {

    /// Input and output channels, input height and width, padding top/left and bottom/right: ResNet layers,
    /// odd output sizes (a last tile row or column cut in half), rows of tiles wider than a vector and of
    /// less than one, no padding, padding after only, padding wider than a tap, a single output, and enough
    /// channels and tiles for several K blocks and column panels in the products.
    /// Each case runs with 2x2 and with 4x4 tiles (the error bound allows for the latter's larger constants).
    @ParameterizedTest(name = "tile {8}: c{0} m{1} {2}x{3} p{4},{5},{6},{7}")
    @CsvSource({
            "64,64,56,56,1,1,1,1,2", "64,64,56,56,1,1,1,1,4",
            "16,24,14,14,1,1,1,1,2", "16,24,14,14,1,1,1,1,4",
            "5,7,9,11,1,1,1,1,2", "5,7,9,11,1,1,1,1,4",
            "3,4,7,70,0,0,0,0,2", "3,4,7,70,0,0,0,0,4",
            "3,4,7,134,0,0,0,0,4",
            "2,3,5,6,0,0,1,1,2", "2,3,5,6,0,0,1,1,4",
            "4,2,6,5,2,2,2,2,2", "4,2,6,5,2,2,2,2,4",
            "3,3,3,3,0,0,0,0,2", "3,3,3,3,0,0,0,0,4",
            "300,9,9,9,1,1,1,1,2", "300,9,9,9,1,1,1,1,4",
            "8,40,41,37,1,0,0,1,2", "8,40,41,37,1,0,0,1,4",
            "12,12,130,6,1,1,1,1,4",
            // Rows of tiles long enough that fewer channels than usual are staged at a time (6 of 20).
            "20,8,30,130,1,1,1,1,4",
            // 4x4 tiles, two blocks of tiles and work for two threads: one block at a time, each of its passes
            // split across the threads.
            "64,128,26,26,1,1,1,1,4"})
    void matchesDirectSum(int channels, int outChannels, int height, int width, int padTop, int padLeft, int padBottom,
                          int padRight, int tile) {
        assumeTrue(VectorSupport.ENABLED, "Winograd convolution needs the vector kernels on");
        int outH = height + padTop + padBottom - 2;
        int outW = width + padLeft + padRight - 2;
        var window = new Window2d(height, width, outH, outW, 3, 3, 1, 1, 1, 1, padTop, padLeft);
        assertThat(Winograd.suits(window)).isTrue();
        var r = new Random(channels * 7919L + height * 31L + width);
        var x = SgemmTest.random(r, 3 + channels * height * width);
        var w = SgemmTest.random(r, 1 + outChannels * channels * 9);
        var bias = SgemmTest.random(r, outChannels + 2);
        var filters = Winograd.filters(w, 1, outChannels, channels, tile);
        assertThat(filters.tile()).isEqualTo(tile);
        double tolerance = tile == 2 ? 1e-6 : 1e-5;
        for (int threads : new int[] {1, 2}) {
            // One thread unbounded, two threads with a fused Clip(-0.3, 0.6).
            var clamp = threads == 1 ? null : new Clamp(-0.3f, 0.6f);
            var y = new float[5 + outChannels * outH * outW + 4];
            java.util.Arrays.fill(y, Float.NaN);
            Winograd.forward(window, x, 3, filters, bias, 2, clamp, y, 5, threads);
            for (int o = 0; o < outChannels; o++) {
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) {
                        double expected = bias[2 + o];
                        double magnitude = Math.abs(expected);
                        for (int c = 0; c < channels; c++) {
                            for (int ky = 0; ky < 3; ky++) {
                                for (int kx = 0; kx < 3; kx++) {
                                    int iy = oy - padTop + ky;
                                    int ix = ox - padLeft + kx;
                                    if (iy >= 0 && iy < height && ix >= 0 && ix < width) {
                                        double term = (double) w[1 + ((o * channels + c) * 3 + ky) * 3 + kx]
                                                * x[3 + (c * height + iy) * width + ix];
                                        expected += term;
                                        magnitude += Math.abs(term);
                                    }
                                }
                            }
                        }
                        if (clamp != null) {
                            expected = Math.min(clamp.hi(), Math.max(clamp.lo(), expected));
                        }
                        assertThat((double) y[5 + (o * outH + oy) * outW + ox])
                                .as("channel %d at (%d, %d), %d threads", o, oy, ox, threads)
                                .isCloseTo(expected, org.assertj.core.data.Offset.offset(tolerance * (1 + magnitude)));
                    }
                }
            }
            for (int i : new int[] {0, 4, y.length - 4, y.length - 1}) {
                assertThat(y[i]).as("untouched element %d", i).isNaN();
            }
        }
    }

    /// The parts of a call compute the same sums in the same order as one thread does, however the work is cut:
    /// whole blocks of tiles with one left over and shared by output channels (32 channels at 108², 27 blocks), and
    /// one block whose passes are split (64 channels at 56², 128 at 28², 256 at 14²).
    @ParameterizedTest(name = "c{0} m{1} {2}x{2} tile {3}")
    @CsvSource({"32,32,108,4", "64,64,56,4", "128,128,28,4", "256,256,14,2"})
    void twoThreadsGiveTheBitsOfOne(int channels, int outChannels, int size, int tile) {
        assumeTrue(VectorSupport.ENABLED, "Winograd convolution needs the vector kernels on");
        var window = new Window2d(size, size, size, size, 3, 3, 1, 1, 1, 1, 1, 1);
        var r = new Random(channels + size);
        var x = SgemmTest.random(r, channels * size * size);
        var filters = Winograd.filters(SgemmTest.random(r, outChannels * channels * 9), 0, outChannels, channels, tile);
        var bias = SgemmTest.random(r, outChannels);
        var one = new float[outChannels * size * size];
        var two = new float[one.length];
        Winograd.forward(window, x, 0, filters, bias, 0, Clamp.RELU, one, 0, 1);
        Winograd.forward(window, x, 0, filters, bias, 0, Clamp.RELU, two, 0, 2);
        assertThat(two).containsExactly(one);
        assertThat(one).contains(0f).doesNotContain(Float.NaN);
    }
}
