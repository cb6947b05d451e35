package dev.loupe.executor.kernels.math;

/// `BitwiseNot` (version 18): flips every bit of an integer tensor.
final class BitwiseNotKernel extends UnaryKernel {

    BitwiseNotKernel() {
        super("BitwiseNot");
    }

    @Override
    void ints(int[] x, int[] o, boolean unsigned) {
        for (int i = 0; i < x.length; i++) {
            o[i] = ~x[i];
        }
    }

    @Override
    void longs(long[] x, long[] o, boolean unsigned) {
        for (int i = 0; i < x.length; i++) {
            o[i] = ~x[i];
        }
    }
}
