package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `Upsample` (versions 1, 7, 9; deprecated in 10), float types: scales every axis by `scales` (attribute in
/// version 7, input from version 9; `height_scale` and `width_scale` on a 4-D input in version 1) with
/// `mode` `nearest` (rounding down) or `linear` (`bilinear` in version 1), coordinates mapped asymmetrically
/// (`x_original = x / scale`).
final class UpsampleKernel extends NnKernel {

    private final Resampler resampler;
    private final float[] scalesAttribute;
    private final boolean scalesInput;

    UpsampleKernel(NodeSpec node) {
        super("X", 1);
        var mode = node.stringAttr("mode", "nearest");
        var interpolation = switch (mode) {
            case "nearest" -> Resampler.Interpolation.NEAREST;
            case "linear", "bilinear" -> Resampler.Interpolation.LINEAR;
            default -> throw new KernelException("mode \"" + mode + "\" is not nearest or linear");
        };
        this.resampler = new Resampler(interpolation, Resampler.Transform.ASYMMETRIC, Resampler.Rounding.FLOOR, -0.75,
                false, 0);
        this.scalesInput = node.opsetVersion() >= 9;
        this.scalesAttribute = node.opsetVersion() >= 7 ? node.floatsAttr("scales", null)
                : new float[] {1, 1, node.floatAttr("height_scale", 1f), node.floatAttr("width_scale", 1f)};
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        double[] scales;
        if (scalesInput) {
            scales = Numbers.toDoubles(Operands.tensor(inputs, 1, "scales"));
        } else if (scalesAttribute != null) {
            scales = new double[scalesAttribute.length];
            for (int i = 0; i < scales.length; i++) {
                scales[i] = scalesAttribute[i];
            }
        } else {
            throw new KernelException("required attribute 'scales' is missing");
        }
        int rank = x.rank();
        if (scales.length != rank) {
            throw new KernelException("scales has " + scales.length + " values for " + x.describe());
        }
        var shape = x.shape();
        var outShape = new long[rank];
        for (int d = 0; d < rank; d++) {
            outShape[d] = (long) Math.floor(shape[d] * scales[d]);
        }
        Operands.checkOutputSize(x.type(), outShape);
        var data = Numbers.toDoubles(x);
        var current = shape.clone();
        for (int d = 0; d < rank; d++) {
            long out = outShape[d];
            if (resampler.isIdentity(shape[d], out, scales[d])) {
                continue;
            }
            data = resampler.resampleAxis(data, current, d, (int) out, scales[d], shape[d] * scales[d], 0, 1);
            current[d] = out;
        }
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), current, data)};
    }
}
