package dev.loupe.executor.kernels.math;

/// `Xor` (versions 1, 7): logical exclusive or of bool tensors with broadcasting.
final class XorKernel extends BinaryPredicateKernel {

    XorKernel() {
        super("Xor");
    }

    @Override
    boolean acceptsOnlyBool() {
        return true;
    }

    @Override
    void intRow(int[] a, int ai, int as, int[] b, int bi, int bs, byte[] o, int oi, int n) {
        for (int k = 0; k < n; k++, ai += as, bi += bs) {
            o[oi + k] = (byte) (a[ai] ^ b[bi]);
        }
    }
}
