package dev.loupe.executor.kernels.math;

import dev.loupe.executor.simd.Activations;

/// `Tanh` (versions 1, 6, 13): hyperbolic tangent.
final class TanhKernel extends UnaryKernel {

    TanhKernel() {
        super("Tanh");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        Activations.tanh(x, from, o, from, to - from);
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.tanh(v);
        }
    }
}
