package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.function.IntToDoubleFunction;

/// `BatchNormalization` (versions 1, 6, 7, 9, 14, 15), float types: `Y = scale * (X - mean) / sqrt(var +
/// epsilon) + B` per channel (axis 1), with the running statistics `input_mean` and `input_var`.
///
/// In training mode (`training_mode = 1` from version 14, `is_test = 0` before version 7) the statistics of
/// the batch are used instead (population variance over every axis but 1), and the optional outputs are the
/// updated running statistics `running * momentum + batch * (1 - momentum)`, followed before version 14 by the
/// batch mean and variance. With `spatial = 0` (before version 9) the parameters have one value per channel
/// and spatial position.
final class BatchNormalizationKernel extends NnKernel {

    private final double epsilon;
    private final double momentum;
    private final boolean training;
    private final boolean perPosition;

    BatchNormalizationKernel(NodeSpec node) {
        super("X", 2);
        this.epsilon = node.floatAttr("epsilon", 1e-5f);
        this.momentum = node.floatAttr("momentum", 0.9f);
        long v = node.opsetVersion();
        this.training = v >= 14 ? node.intAttr("training_mode", 0) != 0
                : node.outputCount() > 1 && (v >= 7 || node.intAttr("is_test", 0) == 0);
        this.perPosition = v < 9 && node.intAttr("spatial", 1) == 0;
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        var xs = x.shape();
        int n = (int) xs[0];
        int features = perPosition ? x.size() / Math.max(1, n) : (int) xs[1];
        int inner = x.size() / Math.max(1, n * features);
        var scale = Broadcasting.perChannel(Operands.tensor(inputs, 1, "scale"), features, "scale");
        var bias = Broadcasting.perChannel(Operands.tensor(inputs, 2, "B"), features, "B");
        var meanTensor = Operands.tensor(inputs, 3, "input_mean");
        var runningMean = Broadcasting.perChannel(meanTensor, features, "input_mean");
        var runningVar = Broadcasting.perChannel(Operands.tensor(inputs, 4, "input_var"), features, "input_var");
        if (!training && x.type() == ElementType.FLOAT) {
            return new RuntimeValue[] {inference(x, scale, bias, runningMean, runningVar, n, features, inner, context)};
        }
        var xv = Numbers.toDoubles(x);
        var mean = runningMean;
        var variance = runningVar;
        if (training) {
            mean = new double[features];
            variance = new double[features];
            double count = (double) n * inner;
            for (int img = 0; img < n; img++) {
                for (int f = 0; f < features; f++) {
                    int base = (img * features + f) * inner;
                    for (int i = 0; i < inner; i++) {
                        mean[f] += xv[base + i];
                    }
                }
            }
            for (int f = 0; f < features; f++) {
                mean[f] /= count;
            }
            for (int img = 0; img < n; img++) {
                for (int f = 0; f < features; f++) {
                    int base = (img * features + f) * inner;
                    for (int i = 0; i < inner; i++) {
                        double d = xv[base + i] - mean[f];
                        variance[f] += d * d;
                    }
                }
            }
            for (int f = 0; f < features; f++) {
                variance[f] /= count;
            }
        }
        var y = new double[xv.length];
        normalize(scale, bias, mean, variance, n, features, inner, i -> xv[i], (i, v) -> y[i] = v);
        var out = Numbers.fromDoubles(x.type(), xs, y);
        if (!training) {
            return new RuntimeValue[] {out};
        }
        var paramType = meanTensor.type();
        var paramShape = meanTensor.shape();
        var newMean = new double[features];
        var newVar = new double[features];
        for (int f = 0; f < features; f++) {
            newMean[f] = runningMean[f] * momentum + mean[f] * (1 - momentum);
            newVar[f] = runningVar[f] * momentum + variance[f] * (1 - momentum);
        }
        return new RuntimeValue[] {out, Numbers.fromDoubles(paramType, paramShape, newMean),
                Numbers.fromDoubles(paramType, paramShape, newVar), Numbers.fromDoubles(paramType, paramShape, mean),
                Numbers.fromDoubles(paramType, paramShape, variance)};
    }

    /// float32 in inference mode: the same double arithmetic as the general path, rounded once per element,
    /// into storage from `context`.
    private Tensor inference(Tensor x, double[] scale, double[] bias, double[] mean, double[] variance, int n,
                             int features, int inner, KernelContext context) {
        var xv = x.floats();
        var out = context.output(ElementType.FLOAT, x.shape());
        var y = out.floats();
        normalize(scale, bias, mean, variance, n, features, inner, i -> xv[i], (i, v) -> y[i] = (float) v);
        return out;
    }

    /// Where [#normalize] writes element `i`.
    private interface Store {
        void set(int i, double v);
    }

    /// `y = a * x + b` per channel, with `a = scale / sqrt(variance + epsilon)` and `b = bias - a * mean`.
    private void normalize(double[] scale, double[] bias, double[] mean, double[] variance, int n, int features, int inner,
                           IntToDoubleFunction x, Store y) {
        for (int img = 0; img < n; img++) {
            for (int f = 0; f < features; f++) {
                double a = scale[f] / Math.sqrt(variance[f] + epsilon);
                double b = bias[f] - a * mean[f];
                int base = (img * features + f) * inner;
                for (int i = base; i < base + inner; i++) {
                    y.set(i, a * x.applyAsDouble(i) + b);
                }
            }
        }
    }
}
