package dev.loupe.executor.kernels.math;

import dev.loupe.executor.simd.Activations;

/// `Sigmoid` (versions 1, 6, 13): `1 / (1 + e^-x)`.
final class SigmoidKernel extends UnaryKernel {

    SigmoidKernel() {
        super("Sigmoid");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        Activations.sigmoid(x, from, o, from, to - from);
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = SpecialFunctions.sigmoid(v);
        }
    }
}
