package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `RoiAlign` (versions 10, 16), float types: for each region `[x1, y1, x2, y2]` of `rois` on the image
/// `batch_indices` names, an `output_height x output_width` grid of cells, each the average (`mode = avg`) or
/// maximum (`max`) of bilinearly interpolated samples on a regular grid inside the cell
/// (`sampling_ratio` per axis, or `ceil(cell size)` when 0). Coordinates are scaled by `spatial_scale` and,
/// with `coordinate_transformation_mode = half_pixel` (the default from version 16), shifted by -0.5;
/// `output_half_pixel` (version 10's behaviour) does not shift them and makes regions at least 1 wide. In max
/// mode each sample contributes the largest of its four weighted neighbours.
final class RoiAlignKernel extends NnKernel {

    private final boolean max;
    private final int outH;
    private final int outW;
    private final int samplingRatio;
    private final double scale;
    private final boolean halfPixel;

    RoiAlignKernel(NodeSpec node) {
        super("X", 4);
        var mode = node.stringAttr("mode", "avg");
        if (!mode.equals("avg") && !mode.equals("max")) {
            throw new KernelException("mode \"" + mode + "\" is not avg or max");
        }
        this.max = mode.equals("max");
        this.outH = (int) node.intAttr("output_height", 1);
        this.outW = (int) node.intAttr("output_width", 1);
        this.samplingRatio = (int) node.intAttr("sampling_ratio", 0);
        this.scale = node.floatAttr("spatial_scale", 1f);
        this.halfPixel = node.opsetVersion() >= 16
                && node.stringAttr("coordinate_transformation_mode", "half_pixel").equals("half_pixel");
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        var rois = Operands.tensor(inputs, 1, "rois", Operands.FLOATS);
        var batchIndices = Operands.longs(Operands.tensor(inputs, 2, "batch_indices"), "batch_indices");
        if (rois.rank() != 2 || rois.dim(1) != 4 || batchIndices.length != rois.dim(0)) {
            throw new KernelException("rois must have shape [num_rois, 4] and batch_indices [num_rois], got "
                    + rois.describe() + " and " + batchIndices.length + " indices");
        }
        int c = (int) x.dim(1);
        int h = (int) x.dim(2);
        int w = (int) x.dim(3);
        int count = (int) rois.dim(0);
        var xv = Numbers.toDoubles(x);
        var rv = Numbers.toDoubles(rois);
        var y = new double[count * c * outH * outW];
        double offset = halfPixel ? 0.5 : 0;
        for (int r = 0; r < count; r++) {
            context.checkCancelled();
            long batch = batchIndices[r];
            if (batch < 0 || batch >= x.dim(0)) {
                throw new KernelException("batch_indices[" + r + "] = " + batch + " is outside " + x.describe());
            }
            double x0 = rv[r * 4] * scale - offset;
            double y0 = rv[r * 4 + 1] * scale - offset;
            double roiW = rv[r * 4 + 2] * scale - offset - x0;
            double roiH = rv[r * 4 + 3] * scale - offset - y0;
            if (!halfPixel) {
                roiW = Math.max(roiW, 1);
                roiH = Math.max(roiH, 1);
            }
            double binH = roiH / outH;
            double binW = roiW / outW;
            int gridH = samplingRatio > 0 ? samplingRatio : (int) Math.ceil(roiH / outH);
            int gridW = samplingRatio > 0 ? samplingRatio : (int) Math.ceil(roiW / outW);
            double samples = Math.max(gridH * gridW, 1);
            for (int ch = 0; ch < c; ch++) {
                int plane = (int) ((batch * c + ch) * h * w);
                for (int ph = 0; ph < outH; ph++) {
                    for (int pw = 0; pw < outW; pw++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        for (int iy = 0; iy < gridH; iy++) {
                            double sy = y0 + ph * binH + (iy + 0.5) * binH / gridH;
                            for (int ix = 0; ix < gridW; ix++) {
                                double sx = x0 + pw * binW + (ix + 0.5) * binW / gridW;
                                double v = sample(xv, plane, h, w, sy, sx);
                                acc = max ? Math.max(acc, v) : acc + v;
                            }
                        }
                        y[((r * c + ch) * outH + ph) * outW + pw] = max ? (gridH * gridW == 0 ? 0 : acc) : acc / samples;
                    }
                }
            }
        }
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), new long[] {count, c, outH, outW}, y)};
    }

    /// The bilinear sample at `(sy, sx)`, 0 more than one pixel outside the image; in max mode the largest
    /// weighted neighbour instead of their sum.
    private double sample(double[] xv, int plane, int h, int w, double sy, double sx) {
        if (sy < -1 || sy > h || sx < -1 || sx > w) {
            return 0;
        }
        sy = Math.max(sy, 0);
        sx = Math.max(sx, 0);
        int yLow = (int) sy;
        int xLow = (int) sx;
        int yHigh;
        int xHigh;
        if (yLow >= h - 1) {
            yLow = yHigh = h - 1;
            sy = yLow;
        } else {
            yHigh = yLow + 1;
        }
        if (xLow >= w - 1) {
            xLow = xHigh = w - 1;
            sx = xLow;
        } else {
            xHigh = xLow + 1;
        }
        double ly = sy - yLow;
        double lx = sx - xLow;
        double hy = 1 - ly;
        double hx = 1 - lx;
        double v1 = hy * hx * xv[plane + yLow * w + xLow];
        double v2 = hy * lx * xv[plane + yLow * w + xHigh];
        double v3 = ly * hx * xv[plane + yHigh * w + xLow];
        double v4 = ly * lx * xv[plane + yHigh * w + xHigh];
        return max ? Math.max(Math.max(v1, v2), Math.max(v3, v4)) : v1 + v2 + v3 + v4;
    }
}
