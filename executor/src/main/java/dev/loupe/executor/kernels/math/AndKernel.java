package dev.loupe.executor.kernels.math;

/// `And` (versions 1, 7): logical and of bool tensors with broadcasting.
final class AndKernel extends BinaryPredicateKernel {

    AndKernel() {
        super("And");
    }

    @Override
    boolean acceptsOnlyBool() {
        return true;
    }

    @Override
    void intRow(int[] a, int ai, int as, int[] b, int bi, int bs, byte[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = (byte) (a[ai] & b[bi]);
        }
    }
}
