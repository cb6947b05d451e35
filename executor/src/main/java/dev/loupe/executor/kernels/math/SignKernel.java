package dev.loupe.executor.kernels.math;

/// `Sign` (versions 9, 13): -1, 0 or 1 by the sign of `x` (NaN stays NaN).
final class SignKernel extends UnaryKernel {

    SignKernel() {
        super("Sign");
    }

    @Override
    public void floats(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            o[i] = (float) (Math.signum(v));
        }
    }

    @Override
    void doubles(double[] x, double[] o) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = Math.signum(v);
        }
    }

    @Override
    void ints(int[] x, int[] o, boolean unsigned) {
        for (int i = 0; i < x.length; i++) {
            int v = x[i];
            o[i] = Integer.signum(v);
        }
    }

    @Override
    void longs(long[] x, long[] o, boolean unsigned) {
        for (int i = 0; i < x.length; i++) {
            long v = x[i];
            o[i] = unsigned ? (v != 0 ? 1 : 0) : Long.signum(v);
        }
    }
}
