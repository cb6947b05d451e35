package dev.loupe.executor.kernels.rnn;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.simd.PackedB;
import dev.loupe.executor.simd.Sgemm;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// Array helpers of the recurrent kernels: axis swaps, the float input projection and conversions between
/// tensors and double arrays.
final class RecurrentArrays {

    private RecurrentArrays() {
    }

    /// `v` as `[a, b, rest]` → `out` as `[b, a, rest]`, for any primitive array type; returns `out`.
    static <T> T swapLeadingAxes(T v, T out, int a, int b, int rest) {
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(v, (i * b + j) * rest, out, (j * a + i) * rest, rest);
            }
        }
        return out;
    }

    /// `out = x·Wᵀ + Wb + Rb` for all `rows` rows of `x` (`[rows, k]`), with `Wᵀ` (`[k, n]`) packed and the
    /// biases `Wb`, `Rb` (`n` each, one after the other) at `bFrom` in `b` (`null`: no bias); only the first
    /// `folded` columns get `Rb`. One SGEMM on up to `threads` threads: three times as fast as products on
    /// [PackedMatrix] once C2 has compiled the vector kernels, though the first call in a JVM that has not
    /// run them yet takes most of a second.
    static void inputProjection(float[] x, int rows, PackedB wT, float[] b, int bFrom, int folded, float[] out, int threads) {
        int n = wT.columns();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = b == null ? 0f : b[bFrom + j] + (j < folded ? b[bFrom + n + j] : 0f);
            }
        }
        Sgemm.multiply(rows, 1f, x, 0, wT.depth(), 1, wT, out, 0, n, true, threads);
    }

    /// `v[from, from + n)` rounded to float.
    static float[] floats(double[] v, int from, int n) {
        var out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) v[from + i];
        }
        return out;
    }

    /// The values of a float, double or float16 tensor in double.
    static double[] toDoubles(Tensor t) {
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
            case FLOAT16 -> {
                var out = new double[t.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = t.getDouble(i);
                }
                yield out;
            }
            default -> throw KernelException.unsupportedType("input", t.type());
        };
    }

    /// A tensor of `type` (float, double or float16) holding `v`, rounded.
    static Tensor fromDoubles(ElementType type, double[] v, long... shape) {
        var out = Tensor.allocate(type, shape);
        if (type == ElementType.DOUBLE) {
            System.arraycopy(v, 0, out.doubles(), 0, v.length);
        } else if (type == ElementType.FLOAT) {
            var f = out.floats();
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) v[i];
            }
        } else {
            for (int i = 0; i < v.length; i++) {
                out.setDouble(i, v[i]);
            }
        }
        return out;
    }
}
