package dev.loupe.executor.kernels.math;

/// `Abs` (versions 1, 6, 13): `|x|` for every numeric type (unsigned values unchanged).
final class AbsKernel extends UnaryKernel {

    AbsKernel() {
        super("Abs");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (Math.abs(v));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.abs(v);
        }
    }

    @Override
    void ints(int[] x, int[] o, boolean unsigned) {
        for (int i = 0; i < x.length; i++) {
            int v = x[i];
            o[i] = unsigned ? v : Math.abs(v);
        }
    }

    @Override
    void longs(long[] x, long[] o, boolean unsigned) {
        for (int i = 0; i < x.length; i++) {
            long v = x[i];
            o[i] = unsigned ? v : Math.abs(v);
        }
    }
}
