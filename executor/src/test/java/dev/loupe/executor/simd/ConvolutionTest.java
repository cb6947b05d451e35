package dev.loupe.executor.simd;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ConvolutionTest {

    /// 2-D convolutions: channels, output channels, input size, kernel, stride, padding, dilation.
    @ParameterizedTest(name = "c{0} m{1} {2}x{2} k{3} s{4} p{5} d{6}")
    @CsvSource({"3,8,9,3,1,1,1", "4,16,56,3,1,1,1", "5,9,13,3,2,1,1", "2,3,11,5,1,2,2", "3,64,7,1,1,0,1",
            "6,10,17,1,2,0,1", "1,1,40,7,2,3,1", "16,33,12,3,1,0,1", "128,72,10,3,1,1,1", "160,96,7,1,1,0,1",
            // Few positions, many channels (the deep layers of a CNN): 3 x 3 at 7 x 7 and 14 x 14.
            "64,64,7,3,1,1,1", "48,96,14,3,1,1,1",
            // Stride 2 to 28 x 28 and 14 x 14: vector halves that cross an output row, read as two runs.
            "8,16,56,3,2,1,1", "6,8,28,3,2,1,1", "8,16,56,1,2,0,1",
            // Enough work for two threads, in many small blocks of positions: a stem (7 x 7, stride 2) and a 3 x 3.
            "3,32,64,7,2,3,1", "16,32,56,3,1,1,1"})
    void forwardMatchesDirectSum(int c, int m, int size, int kernel, int stride, int pad, int dilation) {
        var r = new Random(c * 1000L + m * 10L + size);
        int out = (size + 2 * pad - dilation * (kernel - 1) - 1) / stride + 1;
        var table = table(size, kernel, stride, pad, dilation, out);
        int taps = kernel * kernel;
        var plan = Convolution.plan(table, taps, size * size, out * out);
        assertThat(plan.pointwise()).isEqualTo(kernel == 1 && stride == 1 && pad == 0);
        var x = SgemmTest.random(r, 2 + c * size * size);
        var w = SgemmTest.random(r, m * c * taps);
        var bias = SgemmTest.random(r, m + 1);
        var expected = direct(x, 2, c, size, w, bias, 1, m, taps, table, out * out);
        for (int threads : new int[] {1, 2}) {
            for (var clamp : new Clamp[] {null, new Clamp(-0.25f, 0.5f)}) {
                var y = new float[m * out * out + 3];
                Convolution.forward(plan, x, 2, c, PackedA.of(w, 0, m, c * taps, c * taps, 1, 1f), bias, 1, clamp, y, 3, threads);
                for (int i = 0; i < expected.length; i++) {
                    double want = clamp == null ? expected[i] : Math.min(clamp.hi(), Math.max(clamp.lo(), expected[i]));
                    assertThat((double) y[3 + i]).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-4));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} channels {1}x{1} k{2} s{3}")
    @CsvSource({"3,9,3,1", "32,56,3,1", "5,15,3,2", "4,40,5,1"})
    void depthwiseMatchesDirectSum(int channels, int size, int kernel, int stride) {
        var r = new Random(channels * 100L + size);
        int pad = kernel / 2;
        int out = (size + 2 * pad - kernel) / stride + 1;
        var table = table(size, kernel, stride, pad, 1, out);
        int taps = kernel * kernel;
        var plan = Convolution.plan(table, taps, size * size, out * out);
        var x = SgemmTest.random(r, channels * size * size);
        var w = SgemmTest.random(r, channels * taps);
        var bias = SgemmTest.random(r, channels);
        var y = new float[channels * out * out];
        Convolution.depthwise(plan, x, 0, channels, w, 0, bias, 0, null, y, 0, 2);
        for (int ch = 0; ch < channels; ch++) {
            var expected = direct(x, ch * size * size, 1, size, java.util.Arrays.copyOfRange(w, ch * taps, (ch + 1) * taps),
                    bias, ch, 1, taps, table, out * out);
            for (int p = 0; p < out * out; p++) {
                assertThat((double) y[ch * out * out + p]).isCloseTo(expected[p], org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @ParameterizedTest(name = "{0} planes {1}x{1} k{2} s{3} p{4}")
    @CsvSource({"3,15,3,2,1", "2,56,3,2,1", "4,9,2,2,0", "1,40,3,1,1"})
    void maxPoolTakesTheFirstInBoundsTapAndAnyLargerOne(int planes, int size, int kernel, int stride, int pad) {
        var r = new Random(planes * 7L + size);
        int out = (size + 2 * pad - kernel) / stride + 1;
        var table = table(size, kernel, stride, pad, 1, out);
        int taps = kernel * kernel;
        var plan = Convolution.plan(table, taps, size * size, out * out);
        var x = SgemmTest.random(r, 1 + planes * size * size);
        for (int i = 0; i < x.length; i++) {
            x[i] -= 3;
        }
        var y = new float[planes * out * out + 2];
        Pooling.max(plan, x, 1, planes, y, 2);
        for (int plane = 0; plane < planes; plane++) {
            for (int p = 0; p < out * out; p++) {
                float best = Float.NEGATIVE_INFINITY;
                for (int t = 0; t < taps; t++) {
                    int off = table[t * out * out + p];
                    if (off >= 0) {
                        best = Math.max(best, x[1 + plane * size * size + off]);
                    }
                }
                assertThat(y[2 + plane * out * out + p]).isEqualTo(best);
            }
        }
    }

    /// The gather table of a square 2-D window (the layout `WindowGeometry` produces).
    static int[] table(int size, int kernel, int stride, int pad, int dilation, int out) {
        var t = new int[kernel * kernel * out * out];
        for (int ky = 0; ky < kernel; ky++) {
            for (int kx = 0; kx < kernel; kx++) {
                for (int oy = 0; oy < out; oy++) {
                    for (int ox = 0; ox < out; ox++) {
                        int iy = oy * stride - pad + ky * dilation;
                        int ix = ox * stride - pad + kx * dilation;
                        boolean inside = iy >= 0 && iy < size && ix >= 0 && ix < size;
                        t[(ky * kernel + kx) * out * out + oy * out + ox] = inside ? iy * size + ix : -1;
                    }
                }
            }
        }
        return t;
    }

    static double[] direct(float[] x, int xOff, int c, int size, float[] w, float[] bias, int biasOff, int m, int taps,
                                   int[] table, int positions) {
        var out = new double[m * positions];
        for (int o = 0; o < m; o++) {
            for (int p = 0; p < positions; p++) {
                double s = bias[biasOff + o];
                for (int ch = 0; ch < c; ch++) {
                    for (int t = 0; t < taps; t++) {
                        int off = table[t * positions + p];
                        if (off >= 0) {
                            s += (double) w[(o * c + ch) * taps + t] * x[xOff + ch * size * size + off];
                        }
                    }
                }
                out[o * positions + p] = s;
            }
        }
        return out;
    }
}
