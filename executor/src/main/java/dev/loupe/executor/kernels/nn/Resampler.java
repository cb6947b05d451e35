package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelException;

import java.util.Arrays;
import java.util.Locale;

/// Separable resampling for `Resize` and `Upsample`: each axis is resampled in turn by a 1-D pass whose taps
/// and weights depend only on the output coordinate, which is exact for nearest, linear and cubic
/// interpolation (their weights are products of per-axis weights that sum to 1).
///
/// An output coordinate `x` maps to the input coordinate `x_original` by the `coordinate_transformation_mode`;
/// neighbours beyond the edges repeat the edge element.
///
/// @param cubicA          the cubic coefficient `A` (`cubic_coeff_a`)
/// @param excludeOutside  give taps outside the input weight 0 and renormalize (cubic)
/// @param extrapolation   the value of outputs whose `x_original` lies outside the input in
///                        `tf_crop_and_resize` mode
record Resampler(Interpolation interpolation, Transform transform, Rounding rounding, double cubicA,
                 boolean excludeOutside, double extrapolation) {

    /// How values between input elements are computed.
    enum Interpolation { NEAREST, LINEAR, CUBIC }

    /// The `coordinate_transformation_mode`s.
    enum Transform {
        HALF_PIXEL, HALF_PIXEL_SYMMETRIC, PYTORCH_HALF_PIXEL, ALIGN_CORNERS, ASYMMETRIC, TF_HALF_PIXEL_FOR_NN,
        TF_CROP_AND_RESIZE;

        static Transform of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new KernelException("coordinate_transformation_mode \"" + name + "\" is not supported");
            }
        }
    }

    /// The `nearest_mode`s: how a fractional coordinate picks its nearest element.
    enum Rounding {
        ROUND_PREFER_FLOOR, ROUND_PREFER_CEIL, FLOOR, CEIL;

        static Rounding of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new KernelException("nearest_mode \"" + name + "\" is not supported");
            }
        }

        long apply(double x) {
            double f = Math.floor(x);
            double frac = x - f;
            return (long) switch (this) {
                case ROUND_PREFER_FLOOR -> frac <= 0.5 ? f : f + 1;
                case ROUND_PREFER_CEIL -> frac < 0.5 ? f : f + 1;
                case FLOOR -> f;
                case CEIL -> Math.ceil(x);
            };
        }
    }

    /// Whether resampling an axis of length `in` to the same length at scale 1 leaves it unchanged (every
    /// transformation but the two TensorFlow ones maps each coordinate to itself there).
    boolean isIdentity(long in, long out, double scale) {
        return in == out && scale == 1 && transform != Transform.TF_HALF_PIXEL_FOR_NN
                && transform != Transform.TF_CROP_AND_RESIZE;
    }

    /// Resamples axis `axis` of `data` (row-major, of shape `shape`) to `outLength` elements.
    ///
    /// @param scale       the scale of this axis (output over input length)
    /// @param scaledLength `scale` times the input length as given, which the align-corners and
    ///                    crop-and-resize formulas use as the output length
    /// @param roiStart    the crop start of this axis (tf_crop_and_resize), as a fraction of the input
    /// @param roiEnd      the crop end
    double[] resampleAxis(double[] data, long[] shape, int axis, int outLength, double scale, double scaledLength,
                          double roiStart, double roiEnd) {
        int in = (int) shape[axis];
        int inner = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            inner *= (int) shape[d];
        }
        int outer = in * inner == 0 ? 0 : data.length / (in * inner);
        int taps = switch (interpolation) {
            case NEAREST -> 1;
            case LINEAR -> 2;
            case CUBIC -> 4;
        };
        var index = new int[outLength * taps];
        var weight = new double[outLength * taps];
        var outside = new boolean[outLength];
        for (int o = 0; o < outLength; o++) {
            double x = original(o, in, outLength, scale, scaledLength, roiStart, roiEnd);
            outside[o] = transform == Transform.TF_CROP_AND_RESIZE && (x < 0 || x > in - 1);
            taps(x, in, index, weight, o * taps);
        }
        var out = new double[outer * outLength * inner];
        for (int b = 0; b < outer; b++) {
            int src = b * in * inner;
            for (int o = 0; o < outLength; o++) {
                int dst = (b * outLength + o) * inner;
                if (outside[o]) {
                    Arrays.fill(out, dst, dst + inner, extrapolation);
                    continue;
                }
                for (int t = 0; t < taps; t++) {
                    double wt = weight[o * taps + t];
                    int s = src + index[o * taps + t] * inner;
                    for (int i = 0; i < inner; i++) {
                        out[dst + i] += wt * data[s + i];
                    }
                }
            }
        }
        return out;
    }

    private double original(int x, int in, int outLength, double scale, double scaledLength, double roiStart,
                            double roiEnd) {
        return switch (transform) {
            case HALF_PIXEL -> (x + 0.5) / scale - 0.5;
            case HALF_PIXEL_SYMMETRIC -> {
                double adjustment = outLength / scaledLength;
                double center = in / 2.0;
                yield center * (1 - adjustment) + (x + 0.5) / scale - 0.5;
            }
            case PYTORCH_HALF_PIXEL -> scaledLength > 1 ? (x + 0.5) / scale - 0.5 : 0;
            case ALIGN_CORNERS -> scaledLength == 1 ? 0 : x * (in - 1) / (scaledLength - 1);
            case ASYMMETRIC -> x / scale;
            case TF_HALF_PIXEL_FOR_NN -> (x + 0.5) / scale;
            case TF_CROP_AND_RESIZE -> scaledLength > 1
                    ? roiStart * (in - 1) + x * (roiEnd - roiStart) * (in - 1) / (scaledLength - 1)
                    : 0.5 * (roiStart + roiEnd) * (in - 1);
        };
    }

    /// Fills the taps (input indices, clamped to the input) and weights for input coordinate `x`.
    private void taps(double x, int in, int[] index, double[] weight, int at) {
        switch (interpolation) {
            case NEAREST -> {
                index[at] = clamp(rounding.apply(x), in);
                weight[at] = 1;
            }
            case LINEAR -> {
                double f = Math.floor(x);
                double r = x - f;
                index[at] = clamp((long) f, in);
                index[at + 1] = clamp((long) f + 1, in);
                weight[at] = 1 - r;
                weight[at + 1] = r;
            }
            case CUBIC -> {
                double f = Math.floor(x);
                double r = x - f;
                double a = cubicA;
                double[] c = {
                    ((a * (r + 1) - 5 * a) * (r + 1) + 8 * a) * (r + 1) - 4 * a,
                    ((a + 2) * r - (a + 3)) * r * r + 1,
                    ((a + 2) * (1 - r) - (a + 3)) * (1 - r) * (1 - r) + 1,
                    ((a * (2 - r) - 5 * a) * (2 - r) + 8 * a) * (2 - r) - 4 * a,
                };
                double sum = 0;
                for (int t = 0; t < 4; t++) {
                    long i = (long) f - 1 + t;
                    if (excludeOutside && (i < 0 || i >= in)) {
                        c[t] = 0;
                    }
                    sum += c[t];
                    index[at + t] = clamp(i, in);
                }
                for (int t = 0; t < 4; t++) {
                    weight[at + t] = excludeOutside ? c[t] / sum : c[t];
                }
            }
        }
    }

    private static int clamp(long i, int in) {
        return (int) Math.max(0, Math.min(in - 1, i));
    }
}
