package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

import java.util.Arrays;

/// `Conv` (versions 1, 11), float types, 1-D to N-D: `X (N, C, D...)` convolved with `W (M, C / group,
/// k...)` plus the optional bias `B (M)`, with `group`, `strides`, `dilations`, `pads` and `auto_pad`.
///
/// Computed as im2col and a matrix product per image and group: the input windows of a block of output
/// positions are copied into columns (zeros for padding), then every output channel is a row of weights times
/// those columns.
final class ConvKernel extends NnKernel {

    /// Column buffer budget in elements; output positions are processed in blocks that fit it.
    private static final int COLUMN_BUDGET = 1 << 22;

    private final WindowAttributes window;
    private final int group;

    ConvKernel(NodeSpec node) {
        super("X", 3);
        this.window = WindowAttributes.of(node);
        this.group = (int) node.intAttr("group", 1);
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
        int m = (int) ws[0];
        if (w.rank() != xs.length || group < 1 || c % group != 0 || m % group != 0 || ws[1] != c / group) {
            throw new KernelException("W " + w.describe() + " does not fit X " + x.describe() + " with group " + group);
        }
        if (b != null && (b.rank() != 1 || b.dim(0) != m)) {
            throw new KernelException("B must have shape [" + m + "], got " + b.describe());
        }
        var geometry = window.geometry(Arrays.copyOfRange(xs, 2, xs.length), Arrays.copyOfRange(ws, 2, ws.length));
        int inSize = geometry.inputSize();
        int outSize = geometry.outputSize();
        int taps = geometry.kernelSize();
        var table = geometry.gatherTable();
        int cg = c / group;
        int mg = m / group;
        int rows = cg * taps;
        var xv = Numbers.toDoubles(x);
        var wv = Numbers.toDoubles(w);
        var bias = b == null ? null : Numbers.toDoubles(b);
        var outShape = new long[xs.length];
        outShape[0] = n;
        outShape[1] = m;
        System.arraycopy(geometry.output(), 0, outShape, 2, spatial);
        Operands.checkOutputSize(x.type(), outShape);
        var out = new double[n * m * outSize];
        int block = Math.max(1, Math.min(outSize, COLUMN_BUDGET / Math.max(1, rows)));
        var col = new double[rows * block];
        for (int img = 0; img < n; img++) {
            for (int g = 0; g < group; g++) {
                context.checkCancelled();
                int xBase = (img * c + g * cg) * inSize;
                for (int p0 = 0; p0 < outSize; p0 += block) {
                    int width = Math.min(block, outSize - p0);
                    for (int ch = 0; ch < cg; ch++) {
                        for (int k = 0; k < taps; k++) {
                            int row = (ch * taps + k) * width;
                            int t = k * outSize + p0;
                            int chBase = xBase + ch * inSize;
                            for (int p = 0; p < width; p++) {
                                int off = table[t + p];
                                col[row + p] = off >= 0 ? xv[chBase + off] : 0;
                            }
                        }
                    }
                    for (int oc = 0; oc < mg; oc++) {
                        int mAbs = g * mg + oc;
                        int o = (img * m + mAbs) * outSize + p0;
                        int wRow = mAbs * rows;
                        double bv = bias == null ? 0 : bias[mAbs];
                        for (int p = 0; p < width; p++) {
                            out[o + p] = bv;
                        }
                        for (int r = 0; r < rows; r++) {
                            double wt = wv[wRow + r];
                            int cr = r * width;
                            for (int p = 0; p < width; p++) {
                                out[o + p] += wt * col[cr + p];
                            }
                        }
                    }
                }
            }
        }
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), outShape, out)};
    }
}
