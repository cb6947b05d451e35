package dev.loupe.executor.kernels.math;

/// `Erf` (versions 9, 13): the error function.
final class ErfKernel extends UnaryKernel {

    ErfKernel() {
        super("Erf");
    }

    @Override
    void floats(float[] x, float[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = (float) (SpecialFunctions.erf(v));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = SpecialFunctions.erf(v);
        }
    }
}
