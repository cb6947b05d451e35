package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// `GroupNormalization` (versions 18, 21), float types: the channels of each image are split into
/// `num_groups` groups, each normalized over its channels and spatial positions, then
/// `y = scale * normalized + bias`. `scale` and `bias` hold one value per group (version 18) or per channel
/// (version 21); which one is told by their length.
final class GroupNormalizationKernel extends NnKernel {

    private final int groups;
    private final double epsilon;

    GroupNormalizationKernel(NodeSpec node) {
        super("X", 2);
        node.required("num_groups");
        this.groups = (int) node.intAttr("num_groups", 1);
        this.epsilon = node.floatAttr("epsilon", 1e-5f);
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        int n = (int) x.dim(0);
        int c = (int) x.dim(1);
        if (groups < 1 || c % groups != 0) {
            throw new KernelException("num_groups " + groups + " does not divide the " + c + " channels of " + x.describe());
        }
        var scaleTensor = Operands.tensor(inputs, 1, "scale", Operands.FLOATS);
        var biasTensor = Operands.tensor(inputs, 2, "bias", Operands.FLOATS);
        boolean perChannel = scaleTensor.size() == c;
        int params = perChannel ? c : groups;
        var scale = Broadcasting.perChannel(scaleTensor, params, "scale");
        var bias = Broadcasting.perChannel(biasTensor, params, "bias");
        int spatial = n * c == 0 ? 0 : x.size() / (n * c);
        int perGroup = c / groups;
        int groupSize = perGroup * spatial;
        var xv = Numbers.toDoubles(x);
        var y = new double[xv.length];
        for (int img = 0; img < n; img++) {
            for (int g = 0; g < groups; g++) {
                int base = (img * c + g * perGroup) * spatial;
                double mean = Moments.mean(xv, base, groupSize);
                double inv = 1 / Math.sqrt(Moments.variance(xv, base, groupSize, mean) + epsilon);
                for (int ch = 0; ch < perGroup; ch++) {
                    int p = perChannel ? g * perGroup + ch : g;
                    double a = scale[p] * inv;
                    double b = bias[p] - a * mean;
                    int from = base + ch * spatial;
                    for (int i = from; i < from + spatial; i++) {
                        y[i] = a * xv[i] + b;
                    }
                }
            }
        }
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), x.shape(), y)};
    }
}
