package dev.loupe.executor.kernels.math;

import dev.loupe.executor.simd.VectorLoops;

/// `Erf` (versions 9, 13): the error function.
final class ErfKernel extends UnaryKernel {

    ErfKernel() {
        super("Erf");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        VectorLoops.erf(x, o, from, to);
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = SpecialFunctions.erf(v);
        }
    }
}
