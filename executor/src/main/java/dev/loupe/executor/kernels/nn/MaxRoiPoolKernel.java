package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `MaxRoiPool` (versions 1, 22), float types: for each region `[batch, x1, y1, x2, y2]` of `rois` (scaled by
/// `spatial_scale` and rounded), the maximum over each cell of a `pooled_shape` grid laid over the region,
/// 0 for an empty cell.
final class MaxRoiPoolKernel extends NnKernel {

    private final int pooledH;
    private final int pooledW;
    private final double scale;

    MaxRoiPoolKernel(NodeSpec node) {
        super("X", 4);
        var pooled = node.intsAttr("pooled_shape", null);
        if (pooled == null || pooled.length != 2) {
            throw new KernelException("attribute 'pooled_shape' must hold two ints");
        }
        this.pooledH = (int) pooled[0];
        this.pooledW = (int) pooled[1];
        this.scale = node.floatAttr("spatial_scale", 1f);
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        var rois = Operands.tensor(inputs, 1, "rois", Operands.FLOATS);
        if (rois.rank() != 2 || rois.dim(1) != 5) {
            throw new KernelException("rois must have shape [num_rois, 5], got " + rois.describe());
        }
        int c = (int) x.dim(1);
        int h = (int) x.dim(2);
        int w = (int) x.dim(3);
        int count = (int) rois.dim(0);
        var xv = Numbers.toDoubles(x);
        var rv = Numbers.toDoubles(rois);
        var y = new double[count * c * pooledH * pooledW];
        for (int r = 0; r < count; r++) {
            int batch = (int) rv[r * 5];
            if (batch < 0 || batch >= x.dim(0)) {
                throw new KernelException("roi " + r + " names batch " + batch + ", outside " + x.describe());
            }
            int startW = (int) Math.round(rv[r * 5 + 1] * scale);
            int startH = (int) Math.round(rv[r * 5 + 2] * scale);
            int endW = (int) Math.round(rv[r * 5 + 3] * scale);
            int endH = (int) Math.round(rv[r * 5 + 4] * scale);
            double binH = Math.max(endH - startH + 1, 1) / (double) pooledH;
            double binW = Math.max(endW - startW + 1, 1) / (double) pooledW;
            for (int ch = 0; ch < c; ch++) {
                int plane = (batch * c + ch) * h * w;
                for (int ph = 0; ph < pooledH; ph++) {
                    int h0 = clamp((int) Math.floor(ph * binH) + startH, h);
                    int h1 = clamp((int) Math.ceil((ph + 1) * binH) + startH, h);
                    for (int pw = 0; pw < pooledW; pw++) {
                        int w0 = clamp((int) Math.floor(pw * binW) + startW, w);
                        int w1 = clamp((int) Math.ceil((pw + 1) * binW) + startW, w);
                        double max = h1 <= h0 || w1 <= w0 ? 0 : Double.NEGATIVE_INFINITY;
                        for (int yy = h0; yy < h1; yy++) {
                            for (int xx = w0; xx < w1; xx++) {
                                max = Math.max(max, xv[plane + yy * w + xx]);
                            }
                        }
                        y[((r * c + ch) * pooledH + ph) * pooledW + pw] = max;
                    }
                }
            }
        }
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), new long[] {count, c, pooledH, pooledW}, y)};
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size, v));
    }
}
