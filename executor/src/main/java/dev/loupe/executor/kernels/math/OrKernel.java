package dev.loupe.executor.kernels.math;

/// `Or` (versions 1, 7): logical or of bool tensors with broadcasting.
final class OrKernel extends BinaryPredicateKernel {

    OrKernel() {
        super("Or");
    }

    @Override
    boolean acceptsOnlyBool() {
        return true;
    }

    @Override
    void intRow(int[] a, int ai, int as, int[] b, int bi, int bs, byte[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = (byte) (a[ai] | b[bi]);
        }
    }
}
