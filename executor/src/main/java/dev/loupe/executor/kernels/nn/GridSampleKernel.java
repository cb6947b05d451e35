package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `GridSample` (versions 16, 20), float types, 4-D input `(N, C, H, W)` and grid `(N, H_out, W_out, 2)` of
/// `(x, y)` locations normalized to `[-1, 1]`: samples the input at each location with `mode` `bilinear`
/// (`linear`), `nearest` (half to even) or `bicubic` (`cubic`, coefficient -0.75). With `align_corners` the
/// extremes -1 and 1 are the centres of the corner pixels, else their outer edges. Outside the image,
/// `padding_mode` `zeros` reads 0, `border` the nearest edge pixel and `reflection` the image mirrored at its
/// borders.
final class GridSampleKernel extends NnKernel {

    private enum Mode { LINEAR, NEAREST, CUBIC }

    private enum Padding { ZEROS, BORDER, REFLECTION }

    private static final double CUBIC_A = -0.75;

    private final Mode mode;
    private final Padding padding;
    private final boolean alignCorners;

    GridSampleKernel(NodeSpec node) {
        super("X", 4);
        var m = node.stringAttr("mode", node.opsetVersion() >= 20 ? "linear" : "bilinear");
        this.mode = switch (m) {
            case "bilinear", "linear" -> Mode.LINEAR;
            case "nearest" -> Mode.NEAREST;
            case "bicubic", "cubic" -> Mode.CUBIC;
            default -> throw new KernelException("mode \"" + m + "\" is not bilinear, nearest or bicubic");
        };
        var p = node.stringAttr("padding_mode", "zeros");
        this.padding = switch (p) {
            case "zeros" -> Padding.ZEROS;
            case "border" -> Padding.BORDER;
            case "reflection" -> Padding.REFLECTION;
            default -> throw new KernelException("padding_mode \"" + p + "\" is not zeros, border or reflection");
        };
        this.alignCorners = node.intAttr("align_corners", 0) != 0;
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        var grid = Operands.tensor(inputs, 1, "grid", Operands.FLOATS);
        if (x.rank() != 4 || grid.rank() != 4 || grid.dim(0) != x.dim(0) || grid.dim(3) != 2) {
            throw new KernelException("X must be [N, C, H, W] and grid [N, H_out, W_out, 2], got " + x.describe()
                    + " and " + grid.describe());
        }
        int n = (int) x.dim(0);
        int c = (int) x.dim(1);
        int h = (int) x.dim(2);
        int w = (int) x.dim(3);
        int outH = (int) grid.dim(1);
        int outW = (int) grid.dim(2);
        int points = outH * outW;
        var xv = Numbers.toDoubles(x);
        var gv = Numbers.toDoubles(grid);
        var y = new double[n * c * points];
        for (int img = 0; img < n; img++) {
            context.checkCancelled();
            for (int p = 0; p < points; p++) {
                int g = (img * points + p) * 2;
                double sx = unnormalize(gv[g], w);
                double sy = unnormalize(gv[g + 1], h);
                for (int ch = 0; ch < c; ch++) {
                    int plane = (img * c + ch) * h * w;
                    y[(img * c + ch) * points + p] = switch (mode) {
                        case LINEAR -> linear(xv, plane, h, w, source(sy, h), source(sx, w));
                        case NEAREST -> pixel(xv, plane, h, w, (int) Math.rint(source(sy, h)), (int) Math.rint(source(sx, w)));
                        case CUBIC -> cubic(xv, plane, h, w, sy, sx);
                    };
                }
            }
        }
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), new long[] {n, c, outH, outW}, y)};
    }

    private double unnormalize(double coord, int size) {
        return alignCorners ? (coord + 1) / 2 * (size - 1) : ((coord + 1) * size - 1) / 2;
    }

    /// A sampling coordinate after the padding mode has moved it into the image (zeros leaves it).
    private double source(double coord, int size) {
        return switch (padding) {
            case ZEROS -> coord;
            case BORDER -> clip(coord, size);
            case REFLECTION -> clip(alignCorners ? reflect(coord, 0, 2.0 * (size - 1)) : reflect(coord, -1, 2.0 * size - 1), size);
        };
    }

    private static double clip(double coord, int size) {
        return Math.min(size - 1, Math.max(0, coord));
    }

    /// `coord` mirrored into `[twiceLow / 2, twiceHigh / 2]`.
    private static double reflect(double coord, double twiceLow, double twiceHigh) {
        if (twiceLow == twiceHigh) {
            return 0;
        }
        double min = twiceLow / 2;
        double span = (twiceHigh - twiceLow) / 2;
        double in = Math.abs(coord - min);
        double extra = in % span;
        int flips = (int) Math.floor(in / span);
        return flips % 2 == 0 ? extra + min : span - extra + min;
    }

    private double linear(double[] xv, int plane, int h, int w, double sy, double sx) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double fx = sx - x0;
        double fy = sy - y0;
        return (1 - fy) * ((1 - fx) * pixel(xv, plane, h, w, y0, x0) + fx * pixel(xv, plane, h, w, y0, x0 + 1))
                + fy * ((1 - fx) * pixel(xv, plane, h, w, y0 + 1, x0) + fx * pixel(xv, plane, h, w, y0 + 1, x0 + 1));
    }

    private double cubic(double[] xv, int plane, int h, int w, double sy, double sx) {
        int x0 = (int) Math.floor(sx) - 1;
        int y0 = (int) Math.floor(sy) - 1;
        var wx = cubicWeights(sx - Math.floor(sx));
        var wy = cubicWeights(sy - Math.floor(sy));
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            double row = 0;
            for (int j = 0; j < 4; j++) {
                row += wx[j] * padded(xv, plane, h, w, y0 + i, x0 + j);
            }
            sum += wy[i] * row;
        }
        return sum;
    }

    /// The pixel at integer coordinates, with the padding mode applied to the coordinates themselves (as the
    /// bicubic taps need).
    private double padded(double[] xv, int plane, int h, int w, int yy, int xx) {
        return switch (padding) {
            case ZEROS -> pixel(xv, plane, h, w, yy, xx);
            case BORDER, REFLECTION -> pixel(xv, plane, h, w, (int) source(yy, h), (int) source(xx, w));
        };
    }

    private static double pixel(double[] xv, int plane, int h, int w, int yy, int xx) {
        return yy < 0 || yy >= h || xx < 0 || xx >= w ? 0 : xv[plane + yy * w + xx];
    }

    private static double[] cubicWeights(double t) {
        double a = CUBIC_A;
        double t1 = t + 1;
        double t2 = 1 - t;
        double t3 = 2 - t;
        return new double[] {
            ((a * t1 - 5 * a) * t1 + 8 * a) * t1 - 4 * a,
            ((a + 2) * t - (a + 3)) * t * t + 1,
            ((a + 2) * t2 - (a + 3)) * t2 * t2 + 1,
            ((a * t3 - 5 * a) * t3 + 8 * a) * t3 - 4 * a,
        };
    }
}
