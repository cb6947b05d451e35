package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernels.shape.Elements;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;

import java.util.Arrays;

/// Parameters such as scales and biases, read as doubles and broadcast (NumPy rules, from the right) to the
/// shape they apply to.
final class Broadcasting {

    private Broadcasting() {
    }

    /// The values of `t` repeated to fill `shape`, which `t`'s shape must broadcast to.
    static double[] expand(Tensor t, long[] shape, String name) {
        var values = Numbers.toDoubles(t);
        var from = t.shape();
        if (Arrays.equals(from, shape)) {
            return values;
        }
        int shift = shape.length - from.length;
        if (shift < 0) {
            throw mismatch(t, shape, name);
        }
        var strides = Shapes.strides(from);
        var expanded = new long[shape.length];
        for (int d = 0; d < from.length; d++) {
            if (from[d] != shape[d + shift] && from[d] != 1) {
                throw mismatch(t, shape, name);
            }
            expanded[d + shift] = from[d] == 1 ? 0 : strides[d];
        }
        var index = Elements.strided(shape, expanded, 0);
        var out = new double[index.length];
        for (int i = 0; i < index.length; i++) {
            out[i] = values[index[i]];
        }
        return out;
    }

    /// The values of a per-channel parameter, which must hold `channels` elements.
    static double[] perChannel(Tensor t, int channels, String name) {
        if (t.size() != channels) {
            throw new KernelException(name + " must have shape [" + channels + "], got " + t.describe());
        }
        return Numbers.toDoubles(t);
    }

    private static KernelException mismatch(Tensor t, long[] shape, String name) {
        return new KernelException(name + " " + t.describe() + " cannot be broadcast to " + Arrays.toString(shape));
    }
}
