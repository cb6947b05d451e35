package dev.loupe.executor.kernels.training;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.Shapes;

import java.util.Locale;

/// The operators the [GradientKernel] can differentiate, with their values and local derivatives in double:
/// the binary `Add`, `Sub`, `Mul`, `Div` (with NumPy broadcasting) and the unary `Neg`, `Identity`, `Relu`,
/// `Sigmoid`, `Tanh`, `Exp`, `Log`.
enum DifferentiableOp {
    ADD, SUB, MUL, DIV, NEG, IDENTITY, RELU, SIGMOID, TANH, EXP, LOG;

    /// A value on the gradient's tape.
    ///
    /// @param v the elements, row-major
    /// @param shape the shape
    record Value(double[] v, long[] shape) {
    }

    static DifferentiableOp of(String opType) {
        try {
            return valueOf(opType.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new KernelException("Gradient cannot differentiate through " + opType
                    + "; it supports Add, Sub, Mul, Div, Neg, Identity, Relu, Sigmoid, Tanh, Exp and Log");
        }
    }

    boolean binary() {
        return ordinal() <= DIV.ordinal();
    }

    /// The node's output from its inputs (one, or two for the binary operators).
    Value forward(Value a, Value b) {
        if (!binary()) {
            var y = new double[a.v().length];
            for (int i = 0; i < y.length; i++) {
                double x = a.v()[i];
                y[i] = switch (this) {
                    case NEG -> -x;
                    case RELU -> Math.max(x, 0);
                    case SIGMOID -> 1 / (1 + Math.exp(-x));
                    case TANH -> Math.tanh(x);
                    case EXP -> Math.exp(x);
                    case LOG -> Math.log(x);
                    default -> x;
                };
            }
            return new Value(y, a.shape());
        }
        var shape = Shapes.broadcast(a.shape(), b.shape());
        var ai = broadcastIndex(a.shape(), shape);
        var bi = broadcastIndex(b.shape(), shape);
        var y = new double[ai.length];
        for (int i = 0; i < y.length; i++) {
            double p = a.v()[ai[i]];
            double q = b.v()[bi[i]];
            y[i] = switch (this) {
                case ADD -> p + q;
                case SUB -> p - q;
                case MUL -> p * q;
                default -> p / q;
            };
        }
        return new Value(y, shape);
    }

    /// Adds `dy`'s contribution to the gradients of the inputs (`ga`, and `gb` for binary operators), summing
    /// over broadcast axes; `y` is the forward output.
    void backward(Value a, Value b, Value y, double[] dy, double[] ga, double[] gb) {
        if (!binary()) {
            for (int i = 0; i < dy.length; i++) {
                double x = a.v()[i];
                double out = y.v()[i];
                ga[i] += dy[i] * switch (this) {
                    case NEG -> -1;
                    case RELU -> x > 0 ? 1 : 0;
                    case SIGMOID -> out * (1 - out);
                    case TANH -> 1 - out * out;
                    case EXP -> out;
                    case LOG -> 1 / x;
                    default -> 1;
                };
            }
            return;
        }
        var ai = broadcastIndex(a.shape(), y.shape());
        var bi = broadcastIndex(b.shape(), y.shape());
        for (int i = 0; i < dy.length; i++) {
            double p = a.v()[ai[i]];
            double q = b.v()[bi[i]];
            switch (this) {
                case ADD -> {
                    ga[ai[i]] += dy[i];
                    gb[bi[i]] += dy[i];
                }
                case SUB -> {
                    ga[ai[i]] += dy[i];
                    gb[bi[i]] -= dy[i];
                }
                case MUL -> {
                    ga[ai[i]] += dy[i] * q;
                    gb[bi[i]] += dy[i] * p;
                }
                default -> {
                    ga[ai[i]] += dy[i] / q;
                    gb[bi[i]] -= dy[i] * p / (q * q);
                }
            }
        }
    }

    /// For each element of a tensor of `out` shape, the index of the element of the broadcast operand of
    /// shape `in` it reads.
    private static int[] broadcastIndex(long[] in, long[] out) {
        int n = Shapes.checkedSize(out);
        var index = new int[n];
        int shift = out.length - in.length;
        var inStrides = Shapes.strides(in);
        for (int i = 0; i < n; i++) {
            int rest = i;
            int at = 0;
            for (int d = out.length - 1; d >= 0; d--) {
                int coord = (int) (rest % out[d]);
                rest /= (int) out[d];
                int k = d - shift;
                if (k >= 0 && in[k] != 1) {
                    at += coord * (int) inStrides[k];
                }
            }
            index[i] = at;
        }
        return index;
    }
}
