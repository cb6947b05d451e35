package dev.loupe.executor.kernels.quant;

/// An N-d grouped convolution over integers (zero points already subtracted, so padding contributes 0),
/// accumulating in 32-bit integers as `ConvInteger` specifies.
final class IntegerConvolution {

    private IntegerConvolution() {
    }

    /// The `[N, M, output...]` sums of `x` `[N, C, input...]` with `w` `[M, C/group, kernel...]`.
    static int[] convolve(int[] x, int[] w, ConvGeometry g) {
        int rank = g.input().length;
        int inSize = product(g.input());
        int kSize = product(g.kernel());
        int outSize = product(g.output());
        int cPerGroup = g.channels() / g.group();
        int mPerGroup = g.maps() / g.group();
        // Dilated kernel offsets per kernel position and axis.
        var kOffset = new int[kSize * rank];
        for (int k = 0; k < kSize; k++) {
            int rest = k;
            for (int d = rank - 1; d >= 0; d--) {
                kOffset[k * rank + d] = (rest % g.kernel()[d]) * g.dilations()[d];
                rest /= g.kernel()[d];
            }
        }
        var out = new int[g.batch() * g.maps() * outSize];
        var origin = new int[rank];
        for (int n = 0; n < g.batch(); n++) {
            for (int m = 0; m < g.maps(); m++) {
                int group = m / mPerGroup;
                for (int o = 0; o < outSize; o++) {
                    int rest = o;
                    for (int d = rank - 1; d >= 0; d--) {
                        origin[d] = (rest % g.output()[d]) * g.strides()[d] - g.padBegin()[d];
                        rest /= g.output()[d];
                    }
                    int acc = 0;
                    for (int c = 0; c < cPerGroup; c++) {
                        int xBase = (n * g.channels() + group * cPerGroup + c) * inSize;
                        int wBase = (m * cPerGroup + c) * kSize;
                        for (int k = 0; k < kSize; k++) {
                            int index = 0;
                            boolean inside = true;
                            for (int d = 0; d < rank; d++) {
                                int coord = origin[d] + kOffset[k * rank + d];
                                if (coord < 0 || coord >= g.input()[d]) {
                                    inside = false;
                                    break;
                                }
                                index = index * g.input()[d] + coord;
                            }
                            if (inside) {
                                acc += x[xBase + index] * w[wBase + k];
                            }
                        }
                    }
                    out[(n * g.maps() + m) * outSize + o] = acc;
                }
            }
        }
        return out;
    }

    private static int product(int[] v) {
        int p = 1;
        for (int d : v) {
            p *= d;
        }
        return p;
    }
}
