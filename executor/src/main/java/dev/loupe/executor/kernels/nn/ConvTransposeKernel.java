package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.simd.Sgemm;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;

/// `ConvTranspose` (versions 1, 11), float types, 1-D to N-D: the transpose (gradient) of `Conv` for
/// `X (N, C, D...)` and `W (C, M / group, k...)`, plus the optional bias `B (M)`. The output size comes from
/// `output_shape` when given, from `auto_pad` SAME_* (input size times stride) or else from the strides,
/// kernel, `pads` and `output_padding`; with `output_shape` or `auto_pad` the padding is derived, the odd
/// element going to the end for SAME_UPPER and to the start otherwise.
///
/// Each input position scatters its weighted kernel into the output (col2im). For float32 the weighted
/// kernels of all positions of one image and group come from one SGEMM (`Wᵀ·X`, `[M/group · k, D]`), summed
/// in float and scattered into the output; other types are computed in double.
final class ConvTransposeKernel extends NnKernel {

    private final WindowAttributes window;
    private final int group;
    private final long[] outputShape;
    private final long[] outputPadding;

    ConvTransposeKernel(NodeSpec node) {
        super("X", 3);
        this.window = WindowAttributes.of(node);
        this.group = (int) node.intAttr("group", 1);
        this.outputShape = node.intsAttr("output_shape", null);
        this.outputPadding = node.intsAttr("output_padding", null);
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        var w = Operands.tensor(inputs, 1, "W", Operands.FLOATS);
        var b = Operands.optional(inputs, 2, "B");
        var xs = x.shape();
        var ws = w.shape();
        int spatial = xs.length - 2;
        int n = (int) xs[0];
        int c = (int) xs[1];
        if (w.rank() != xs.length || group < 1 || ws[0] != c || c % group != 0) {
            throw new KernelException("W " + w.describe() + " does not fit X " + x.describe() + " with group " + group);
        }
        int mg = (int) ws[1];
        int m = mg * group;
        if (b != null && (b.rank() != 1 || b.dim(0) != m)) {
            throw new KernelException("B must have shape [" + m + "], got " + b.describe());
        }
        var geometry = geometry(Arrays.copyOfRange(xs, 2, xs.length), Arrays.copyOfRange(ws, 2, ws.length));
        int inSize = geometry.inputSize();
        int outSize = geometry.outputSize();
        int taps = geometry.kernelSize();
        var table = geometry.scatterTable();
        int cg = c / group;
        var outShape = new long[xs.length];
        outShape[0] = n;
        outShape[1] = m;
        System.arraycopy(geometry.output(), 0, outShape, 2, spatial);
        Operands.checkOutputSize(x.type(), outShape);
        if (x.type() == ElementType.FLOAT && w.type() == ElementType.FLOAT && (b == null || b.type() == ElementType.FLOAT)) {
            var out = Tensor.allocate(ElementType.FLOAT, outShape);
            floats(x.floats(), w.floats(), b == null ? null : b.floats(), n, c, mg, geometry, out.floats(), context);
            return new RuntimeValue[] {out};
        }
        var xv = Numbers.toDoubles(x);
        var wv = Numbers.toDoubles(w);
        var out = new double[n * m * outSize];
        var col = new double[inSize];
        for (int img = 0; img < n; img++) {
            for (int g = 0; g < group; g++) {
                context.checkCancelled();
                for (int oc = 0; oc < mg; oc++) {
                    int o = (img * m + g * mg + oc) * outSize;
                    for (int k = 0; k < taps; k++) {
                        Arrays.fill(col, 0);
                        for (int ic = 0; ic < cg; ic++) {
                            double wt = wv[(((g * cg + ic) * mg) + oc) * taps + k];
                            int xb = (img * c + g * cg + ic) * inSize;
                            for (int p = 0; p < inSize; p++) {
                                col[p] += wt * xv[xb + p];
                            }
                        }
                        int t = k * inSize;
                        for (int p = 0; p < inSize; p++) {
                            int target = table[t + p];
                            if (target >= 0) {
                                out[o + target] += col[p];
                            }
                        }
                    }
                }
            }
        }
        if (b != null) {
            var bias = Numbers.toDoubles(b);
            for (int img = 0; img < n; img++) {
                for (int ch = 0; ch < m; ch++) {
                    int o = (img * m + ch) * outSize;
                    for (int p = 0; p < outSize; p++) {
                        out[o + p] += bias[ch];
                    }
                }
            }
        }
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), outShape, out)};
    }

    /// The float32 path: per image and group, `cols = W_gᵀ · X_g` on SGEMM, then each row of `cols` (one output
    /// channel and tap) is added at its scattered output positions, on top of the bias.
    private void floats(float[] x, float[] w, float[] bias, int n, int c, int mg, WindowGeometry geometry, float[] out,
                        KernelContext context) {
        int inSize = geometry.inputSize();
        int outSize = geometry.outputSize();
        int taps = geometry.kernelSize();
        var table = geometry.scatterTable();
        int cg = c / group;
        int m = mg * group;
        int rows = mg * taps;
        var cols = new float[rows * inSize];
        for (int img = 0; img < n; img++) {
            if (bias != null) {
                for (int ch = 0; ch < m; ch++) {
                    Arrays.fill(out, (img * m + ch) * outSize, (img * m + ch + 1) * outSize, bias[ch]);
                }
            }
            for (int g = 0; g < group; g++) {
                context.checkCancelled();
                Sgemm.multiply(rows, inSize, cg, 1f, w, g * cg * rows, 1, rows, x, (img * c + g * cg) * inSize, inSize, 1,
                        cols, 0, inSize, false, context.threads());
                for (int oc = 0; oc < mg; oc++) {
                    int o = (img * m + g * mg + oc) * outSize;
                    for (int k = 0; k < taps; k++) {
                        int src = (oc * taps + k) * inSize;
                        int t = k * inSize;
                        for (int p = 0; p < inSize; p++) {
                            int target = table[t + p];
                            if (target >= 0) {
                                out[o + target] += cols[src + p];
                            }
                        }
                    }
                }
            }
        }
    }

    private WindowGeometry geometry(long[] input, long[] kernel) {
        int rank = input.length;
        var s = window.strides() == null ? ones(rank) : window.strides();
        var d = window.dilations() == null ? ones(rank) : window.dilations();
        var extra = outputPadding == null ? new long[rank] : outputPadding;
        var auto = window.autoPad();
        var begin = new long[rank];
        var end = new long[rank];
        if (window.pads() != null && auto == WindowAttributes.AutoPad.NOTSET) {
            System.arraycopy(window.pads(), 0, begin, 0, rank);
            System.arraycopy(window.pads(), rank, end, 0, rank);
        }
        var out = new long[rank];
        boolean derivePads = outputShape != null || auto == WindowAttributes.AutoPad.SAME_UPPER
                || auto == WindowAttributes.AutoPad.SAME_LOWER;
        for (int i = 0; i < rank; i++) {
            long span = (kernel[i] - 1) * d[i] + 1;
            long full = s[i] * (input[i] - 1) + extra[i] + span;
            if (derivePads) {
                out[i] = outputShape != null ? outputShape[outputShape.length - rank + i] : input[i] * s[i];
                long total = Math.max(0, full - out[i]);
                begin[i] = auto == WindowAttributes.AutoPad.SAME_UPPER ? total / 2 : total - total / 2;
                end[i] = total - begin[i];
            } else {
                out[i] = full - begin[i] - end[i];
            }
            if (out[i] < 0) {
                throw new KernelException("the output of axis " + i + " would have size " + out[i]);
            }
        }
        return new WindowGeometry(input, kernel, s, d, begin, end, out);
    }

    private static long[] ones(int n) {
        var v = new long[n];
        Arrays.fill(v, 1);
        return v;
    }
}
