package dev.loupe.executor.kernels.math;

/// `Neg` (versions 1, 6, 13): `-x` for floats and signed integers.
final class NegKernel extends UnaryKernel {

    NegKernel() {
        super("Neg");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (-v);
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = -v;
        }
    }

    @Override
    void ints(int[] x, int[] o, boolean unsigned) {
        for (int i = 0; i < x.length; i++) {
            int v = x[i];
            o[i] = -v;
        }
    }

    @Override
    void longs(long[] x, long[] o, boolean unsigned) {
        for (int i = 0; i < x.length; i++) {
            long v = x[i];
            o[i] = -v;
        }
    }
}
