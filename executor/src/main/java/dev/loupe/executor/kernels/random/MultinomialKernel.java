package dev.loupe.executor.kernels.random;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.random.RandomGenerator;

/// `Multinomial` 7 · input: float, double `[batch, classes]` (unnormalized log-probabilities) → output:
/// `dtype` int32 (default) or int64 `[batch, sample_size]`.
///
/// Each row draws `sample_size` (default 1) class indices with probabilities `softmax(row)`.
final class MultinomialKernel extends RandomKernel {

    private final int samples;
    private final ElementType type;

    MultinomialKernel(NodeSpec spec) {
        super(spec);
        samples = (int) spec.intAttr("sample_size", 1);
        type = dtype(spec, ElementType.INT32);
        if (type != ElementType.INT32 && type != ElementType.INT64) {
            throw new KernelException("dtype " + type.onnxName() + " is not supported; expected int32 or int64");
        }
    }

    @Override
    protected RuntimeValue[] sample(RuntimeValue[] in, RandomGenerator random) {
        var x = input(in, 0, "input");
        if (x.rank() != 2 || (x.type() != ElementType.FLOAT && x.type() != ElementType.DOUBLE)) {
            throw new KernelException("input must be a float or double [batch, classes] tensor, got " + x.describe());
        }
        int batch = (int) x.dim(0);
        int classes = (int) x.dim(1);
        var out = Tensor.allocate(type, batch, samples);
        var cumulative = new double[classes];
        for (int b = 0; b < batch; b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, x.getDouble(b * classes + c));
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(x.getDouble(b * classes + c) - max);
                cumulative[c] = sum;
            }
            for (int s = 0; s < samples; s++) {
                double u = random.nextDouble() * sum;
                int c = 0;
                while (c < classes - 1 && cumulative[c] <= u) {
                    c++;
                }
                out.setLong(b * samples + s, c);
            }
        }
        return new RuntimeValue[] {out};
    }
}
