package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.simd.Activations;

/// `Gelu` (version 20): `x * Phi(x)` with the exact normal CDF, or its tanh approximation when
/// `approximate = "tanh"`.
final class GeluKernel extends UnaryKernel {

    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private final boolean tanh;

    GeluKernel(NodeSpec spec) {
        super("Gelu");
        var mode = spec.stringAttr("approximate", "none");
        if (!mode.equals("none") && !mode.equals("tanh")) {
            throw new KernelException("Gelu attribute approximate must be \"none\" or \"tanh\", not \"" + mode + "\"");
        }
        this.tanh = mode.equals("tanh");
    }

    private double gelu(double v) {
        return tanh ? 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v)))
                : 0.5 * v * (1 + SpecialFunctions.erf(v / Math.sqrt(2)));
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        if (tanh) {
            Activations.geluTanh(x, o, from, to);
        } else {
            Activations.gelu(x, o, from, to);
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            o[i] = gelu(x[i]);
        }
    }
}
