package dev.loupe.executor.simd;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MaxPooling2dTest {

    /// Planes, input height and width, kernel height and width, strides, dilations, padding top/left and
    /// bottom/right: ResNet's 3x3/2 pool, stride 1, odd and asymmetric padding, dilation, narrow planes whose
    /// outputs are nearly all border.
    @ParameterizedTest(name = "{0} planes {1}x{2} k{3}x{4} s{5},{6} d{7},{8} p{9},{10},{11},{12}")
    @CsvSource({
            "3,112,112,3,3,2,2,1,1,1,1,1,1",
            "2,56,56,3,3,1,1,1,1,1,1,1,1",
            "2,21,37,2,3,2,2,1,1,0,1,1,0",
            "1,17,45,3,3,1,2,2,2,2,1,2,3",
            "2,5,7,3,3,1,1,1,1,1,1,1,1",
            "1,30,70,2,2,2,2,1,1,0,0,0,0",
            "2,33,35,3,3,2,2,1,1,1,1,1,1",
            "1,19,23,5,4,1,2,1,1,2,3,2,1",
            "2,9,40,2,4,3,1,1,1,1,3,0,2"})
    void matchesTheFirstInsideTapThenGreaterRule(int planes, int height, int width, int kh, int kw, int sy, int sx,
                                                  int dy, int dx, int padTop, int padLeft, int padBottom, int padRight) {
        assumeTrue(VectorSupport.ENABLED, "the direct pooling kernel needs the vector kernels on");
        int outH = (height + padTop + padBottom - dy * (kh - 1) - 1) / sy + 1;
        int outW = (width + padLeft + padRight - dx * (kw - 1) - 1) / sx + 1;
        var g = new Window2d(height, width, outH, outW, kh, kw, sy, sx, dy, dx, padTop, padLeft);
        var r = new Random(planes * 131L + height * 7L + width);
        var x = SgemmTest.random(r, 2 + planes * height * width);
        // The last plane all below zero, so that a padding zero read as a tap would show.
        for (int i = 2 + (planes - 1) * height * width; i < 2 + planes * height * width; i++) {
            x[i] -= 1.5f;
        }
        // NaN on every edge (first and last row and column) and somewhere inside: kept only where it is a
        // window's first inside tap.
        for (int p = 0; p < planes; p++) {
            int plane = 2 + p * height * width;
            x[plane + (height / 2) * width] = Float.NaN;
            x[plane + (height / 3) * width + width / 2] = Float.NaN;
            x[plane + width / 3] = Float.NaN;
            x[plane + (height / 4) * width + width - 1] = Float.NaN;
            x[plane + (height - 1) * width + width / 2 + 1] = Float.NaN;
        }
        for (int threads : new int[] {1, 2}) {
            var y = new float[planes * outH * outW + 3];
            MaxPooling2d.forward(g, x, 2, planes, y, 1, threads);
            for (int p = 0; p < planes; p++) {
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) {
                        float best = Float.NEGATIVE_INFINITY;
                        boolean seen = false;
                        for (int ky = 0; ky < kh; ky++) {
                            for (int kx = 0; kx < kw; kx++) {
                                int iy = oy * sy - padTop + ky * dy;
                                int ix = ox * sx - padLeft + kx * dx;
                                if (iy >= 0 && iy < height && ix >= 0 && ix < width) {
                                    float v = x[2 + (p * height + iy) * width + ix];
                                    if (!seen || v > best) {
                                        best = v;
                                        seen = true;
                                    }
                                }
                            }
                        }
                        float actual = y[1 + (p * outH + oy) * outW + ox];
                        // Compared as bits: NaN must come out exactly where the rule keeps it.
                        assertThat(Float.floatToIntBits(actual)).as("plane %d at (%d, %d): %s, expected %s", p, oy, ox, actual, best)
                                .isEqualTo(Float.floatToIntBits(best));
                    }
                }
            }
            assertThat(y[0]).isZero();
            assertThat(y[y.length - 1]).isZero();
        }
    }
}
