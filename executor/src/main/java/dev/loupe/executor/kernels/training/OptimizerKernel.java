package dev.loupe.executor.kernels.training;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;

/// The template of the optimizers of `ai.onnx.preview.training`: inputs are the learning rate `R` (float or
/// double scalar), the update count `T` (int64 scalar), then `n` tensors to optimize, their `n` gradients and
/// `n` tensors of each optimizer state, grouped by kind; outputs are the `n` new tensors followed by the `n`
/// new values of each state. A subclass updates one tensor's elements.
///
/// Tensors are float or double; the update is computed in double and stored in the tensor's type.
abstract class OptimizerKernel implements Kernel {

    private final int states;

    /// @param states the number of optimizer states per tensor (Adagrad 1, Momentum 1, Adam 2)
    OptimizerKernel(int states) {
        this.states = states;
    }

    /// Computes the new `x` and states from `x`, its gradient `g` and its states, element by element.
    protected abstract void update(double r, long t, double[] x, double[] g, double[][] state, double[] newX, double[][] newState);

    @Override
    public final RuntimeValue[] run(RuntimeValue[] in, KernelContext context) {
        int groups = 2 + states;
        if (in.length < 2 || (in.length - 2) % groups != 0 || in.length == 2) {
            throw new KernelException("expected R, T and " + groups + " groups of tensors (X, G and the optimizer states), got "
                    + in.length + " inputs");
        }
        double r = tensor(in, 0, "R").getDouble(0);
        long t = tensor(in, 1, "T").getLong(0);
        int n = (in.length - 2) / groups;
        var out = new RuntimeValue[n * (1 + states)];
        for (int i = 0; i < n; i++) {
            var x = tensor(in, 2 + i, "X[" + i + "]");
            var g = tensor(in, 2 + n + i, "G[" + i + "]");
            check(g, x, "G[" + i + "]");
            var s = new double[states][];
            var ns = new double[states][];
            for (int j = 0; j < states; j++) {
                var st = tensor(in, 2 + (2 + j) * n + i, "state " + j + " of X[" + i + "]");
                check(st, x, "state " + j + " of X[" + i + "]");
                s[j] = doubles(st);
                ns[j] = new double[x.size()];
            }
            var nx = new double[x.size()];
            update(r, t, doubles(x), doubles(g), s, nx, ns);
            out[i] = store(x, nx);
            for (int j = 0; j < states; j++) {
                out[(1 + j) * n + i] = store(x, ns[j]);
            }
        }
        return out;
    }

    private static Tensor tensor(RuntimeValue[] in, int i, String name) {
        if (!(in[i] instanceof Tensor t)) {
            throw new KernelException("input " + name + " must be a tensor, got " + (in[i] == null ? "nothing" : in[i].describe()));
        }
        return t;
    }

    private static void check(Tensor t, Tensor x, String name) {
        if (t.type() != x.type() || !Arrays.equals(t.shape(), x.shape())) {
            throw new KernelException("input " + name + " is " + t.describe() + ", expected " + x.describe() + " like its tensor");
        }
    }

    private static double[] doubles(Tensor t) {
        return switch (t.type()) {
            case DOUBLE -> t.doubles();
            case FLOAT -> {
                var f = t.floats();
                var out = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    out[i] = f[i];
                }
                yield out;
            }
            default -> throw KernelException.unsupportedType("an optimized tensor", t.type());
        };
    }

    private static Tensor store(Tensor like, double[] v) {
        var out = Tensor.allocate(like.type(), like.shape());
        if (like.type() == ElementType.DOUBLE) {
            System.arraycopy(v, 0, out.doubles(), 0, v.length);
        } else {
            var f = out.floats();
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) v[i];
            }
        }
        return out;
    }
}
