package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.simd.Parallel;
import dev.loupe.executor.simd.VectorLoops;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;

/// `LayerNormalization` (version 17), float types: normalizes over the axes from `axis` (default -1) on,
/// `Y = (X - mean) / sqrt(var + epsilon) * Scale + B`, `Scale` and the optional `B` broadcast to those axes.
/// The optional outputs are `Mean` and `InvStdDev`, shaped like `X` with the normalized axes set to 1, in
/// the type `stash_type` names (float by default). float32 with float statistics runs in float vectors
/// ([VectorLoops]); other types in `double`.
final class LayerNormalizationKernel extends NnKernel {

    private final long axis;
    private final double epsilon;
    private final ElementType stashType;
    /// Whether the graph reads the optional outputs: the float path makes them only then.
    private final boolean meanWanted;
    private final boolean invStdDevWanted;

    LayerNormalizationKernel(NodeSpec node) {
        super("X", 1);
        this.meanWanted = node.hasOutput(1);
        this.invStdDevWanted = node.hasOutput(2);
        this.axis = node.intAttr("axis", -1);
        this.epsilon = node.floatAttr("epsilon", 1e-5f);
        this.stashType = ElementType.fromCode((int) node.intAttr("stash_type", 1))
                .orElseThrow(() -> new KernelException("stash_type " + node.intAttr("stash_type", 1) + " is not an element type"));
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        var shape = x.shape();
        int a = Operands.axis(axis, shape.length, "axis");
        var normalized = Arrays.copyOfRange(shape, a, shape.length);
        var scaleTensor = Operands.tensor(inputs, 1, "Scale");
        var biasTensor = Operands.optional(inputs, 2, "B");
        var statShape = shape.clone();
        Arrays.fill(statShape, a, statShape.length, 1);
        if (x.type() == ElementType.FLOAT && stashType == ElementType.FLOAT) {
            var scale = floatParameter(scaleTensor, normalized, "Scale");
            int size = scale.length;
            return floats(x, scale, biasTensor == null ? null : floatParameter(biasTensor, normalized, "B"), size,
                    size == 0 ? 0 : x.size() / size, statShape, context);
        }
        var scale = Broadcasting.expand(scaleTensor, normalized, "Scale");
        var bias = biasTensor == null ? null : Broadcasting.expand(biasTensor, normalized, "B");
        int size = scale.length;
        int rows = size == 0 ? 0 : x.size() / size;
        var xv = Numbers.toDoubles(x);
        var y = new double[xv.length];
        var means = new double[rows];
        var invStd = new double[rows];
        for (int r = 0; r < rows; r++) {
            int base = r * size;
            double mean = Moments.mean(xv, base, size);
            double inv = 1 / Math.sqrt(Moments.variance(xv, base, size, mean) + epsilon);
            means[r] = mean;
            invStd[r] = inv;
            for (int i = 0; i < size; i++) {
                y[base + i] = (xv[base + i] - mean) * inv * scale[i] + (bias == null ? 0 : bias[i]);
            }
        }
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), shape, y), Numbers.fromDoubles(stashType, statShape, means),
                Numbers.fromDoubles(stashType, statShape, invStd)};
    }

    /// float32 with float statistics: each row's mean, variance and normalization in float vectors, rows
    /// spread over the threads when there are enough. The optional outputs the graph does not read are `null`.
    private RuntimeValue[] floats(Tensor x, float[] scale, float[] bias, int size, int rows, long[] statShape,
                                  KernelContext context) {
        var xv = x.floats();
        var out = context.output(ElementType.FLOAT, x.shape());
        var y = out.floats();
        var means = meanWanted ? context.output(ElementType.FLOAT, statShape) : null;
        var invStd = invStdDevWanted ? context.output(ElementType.FLOAT, statShape) : null;
        var m = means == null ? null : means.floats();
        var s = invStd == null ? null : invStd.floats();
        Parallel.forRows(rows, size, context.threads(), (first, end) -> {
            for (int r = first; r < end; r++) {
                int base = r * size;
                float mean = VectorLoops.mean(xv, base, size);
                float inv = VectorLoops.inverseDeviation(xv, base, size, mean, epsilon);
                if (m != null) {
                    m[r] = mean;
                }
                if (s != null) {
                    s[r] = inv;
                }
                VectorLoops.normalize(xv, base, size, mean, inv, scale, bias, y);
            }
        });
        return new RuntimeValue[] {out, means, invStd};
    }

    /// A scale or bias as the float path reads it: the tensor's own array when it already has the normalized
    /// shape (read only, so a model's weights are not copied on every run), else broadcast to it.
    private static float[] floatParameter(Tensor t, long[] normalized, String name) {
        if (t.type() == ElementType.FLOAT && Arrays.equals(t.shape(), normalized)) {
            return t.floats();
        }
        return toFloats(Broadcasting.expand(t, normalized, name));
    }

    private static float[] toFloats(double[] values) {
        var out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
