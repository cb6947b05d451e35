package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

import java.util.Arrays;
import java.util.stream.IntStream;

/// `Resize` (versions 10, 11, 13, 18, 19), float types, any rank: resamples every axis (or the listed `axes`,
/// version 18) by `scales` or to `sizes`, with `mode` `nearest` (rounding by `nearest_mode`), `linear` or
/// `cubic` (`cubic_coeff_a`, `exclude_outside`), the `coordinate_transformation_mode`s of the specification
/// including `tf_crop_and_resize` with its `roi` input and `extrapolation_value`, and
/// `keep_aspect_ratio_policy` (version 18). Version 10 has only `scales` and maps coordinates
/// asymmetrically, rounding nearest down. With `scales` an axis gets `floor(length * scale)` elements.
/// Antialiasing (version 18) is not supported.
final class ResizeKernel extends NnKernel {

    private final Resampler resampler;
    private final boolean version10;
    private final long[] axes;
    private final String aspectPolicy;

    ResizeKernel(NodeSpec node) {
        super("X", 1);
        this.version10 = node.opsetVersion() < 11;
        var mode = node.stringAttr("mode", "nearest");
        var interpolation = switch (mode) {
            case "nearest" -> Resampler.Interpolation.NEAREST;
            case "linear", "bilinear", "trilinear" -> Resampler.Interpolation.LINEAR;
            case "cubic", "bicubic" -> Resampler.Interpolation.CUBIC;
            default -> throw new KernelException("mode \"" + mode + "\" is not nearest, linear or cubic");
        };
        if (node.intAttr("antialias", 0) != 0) {
            throw new KernelException("antialias = 1 is not supported");
        }
        this.resampler = new Resampler(interpolation,
                version10 ? Resampler.Transform.ASYMMETRIC
                        : Resampler.Transform.of(node.stringAttr("coordinate_transformation_mode", "half_pixel")),
                version10 ? Resampler.Rounding.FLOOR : Resampler.Rounding.of(node.stringAttr("nearest_mode", "round_prefer_floor")),
                node.floatAttr("cubic_coeff_a", -0.75f), node.intAttr("exclude_outside", 0) != 0,
                node.floatAttr("extrapolation_value", 0f));
        this.axes = node.intsAttr("axes", null);
        this.aspectPolicy = node.stringAttr("keep_aspect_ratio_policy", "stretch");
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        int rank = x.rank();
        int[] ax = axes == null ? IntStream.range(0, rank).toArray() : Operands.axes(axes, rank, "axes");
        var shape = x.shape();
        var roiTensor = version10 ? null : Operands.optional(inputs, 1, "roi");
        var scalesTensor = Operands.optional(inputs, version10 ? 1 : 2, "scales");
        var sizesTensor = version10 ? null : Operands.optional(inputs, 3, "sizes");
        boolean bySizes = sizesTensor != null && sizesTensor.size() > 0;
        boolean byScales = scalesTensor != null && scalesTensor.size() > 0;
        if (bySizes == byScales) {
            throw new KernelException("exactly one of scales and sizes must be given");
        }
        var scale = new double[rank];
        var scaled = new double[rank];
        var out = shape.clone();
        Arrays.fill(scale, 1);
        for (int d = 0; d < rank; d++) {
            scaled[d] = shape[d];
        }
        if (byScales) {
            var given = Numbers.toDoubles(scalesTensor);
            checkLength(given.length, ax.length, "scales");
            for (int i = 0; i < ax.length; i++) {
                int d = ax[i];
                if (given[i] <= 0) {
                    throw new KernelException("scales must be positive, got " + Arrays.toString(given));
                }
                scale[d] = given[i];
                scaled[d] = given[i] * shape[d];
                out[d] = (long) Math.floor(scaled[d]);
            }
        } else {
            var given = Operands.longs(sizesTensor, "sizes");
            checkLength(given.length, ax.length, "sizes");
            sizesToScales(given, ax, shape, scale, out);
            for (int d : ax) {
                scaled[d] = out[d];
            }
        }
        Operands.checkOutputSize(x.type(), out);
        var roi = roi(roiTensor, ax, rank);
        var data = Numbers.toDoubles(x);
        var current = shape.clone();
        for (int d = 0; d < rank; d++) {
            context.checkCancelled();
            if (resampler.isIdentity(shape[d], out[d], scale[d])) {
                continue;
            }
            data = resampler.resampleAxis(data, current, d, (int) out[d], scale[d], scaled[d], roi[d], roi[d + rank]);
            current[d] = out[d];
        }
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), out, data)};
    }

    /// Scales and output lengths from `sizes`, honouring `keep_aspect_ratio_policy`.
    private void sizesToScales(long[] sizes, int[] ax, long[] shape, double[] scale, long[] out) {
        if (aspectPolicy.equals("stretch")) {
            for (int i = 0; i < ax.length; i++) {
                out[ax[i]] = sizes[i];
                scale[ax[i]] = (double) sizes[i] / shape[ax[i]];
            }
            return;
        }
        boolean notLarger = aspectPolicy.equals("not_larger");
        if (!notLarger && !aspectPolicy.equals("not_smaller")) {
            throw new KernelException("keep_aspect_ratio_policy \"" + aspectPolicy + "\" is not stretch, not_larger or not_smaller");
        }
        double s = notLarger ? Double.MAX_VALUE : 0;
        for (int i = 0; i < ax.length; i++) {
            double r = (double) sizes[i] / shape[ax[i]];
            s = notLarger ? Math.min(s, r) : Math.max(s, r);
        }
        for (int d : ax) {
            scale[d] = s;
            out[d] = Math.round(s * shape[d]);
        }
    }

    /// Crop starts (first `rank` values) and ends per axis, as fractions; 0 and 1 where not given.
    private static double[] roi(Tensor roiTensor, int[] ax, int rank) {
        var roi = new double[2 * rank];
        Arrays.fill(roi, rank, 2 * rank, 1);
        if (roiTensor == null || roiTensor.size() == 0) {
            return roi;
        }
        var given = Numbers.toDoubles(roiTensor);
        checkLength(given.length, 2 * ax.length, "roi");
        for (int i = 0; i < ax.length; i++) {
            roi[ax[i]] = given[i];
            roi[ax[i] + rank] = given[i + ax.length];
        }
        return roi;
    }

    private static void checkLength(int actual, int expected, String name) {
        if (actual != expected) {
            throw new KernelException(name + " has " + actual + " values, expected " + expected);
        }
    }
}
