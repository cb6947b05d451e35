package dev.loupe.executor.kernels.math;

/// Thrown by a template's default row method when a kernel has no loop for the element type at hand; the
/// template turns it into a [dev.loupe.executor.kernel.KernelException] that names the operator and type.
final class UnsupportedType extends RuntimeException {

    static final UnsupportedType INSTANCE = new UnsupportedType();

    private UnsupportedType() {
        super("unsupported element type", null, false, false);
    }
}
