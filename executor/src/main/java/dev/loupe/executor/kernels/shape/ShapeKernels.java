package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelRegistry;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class ShapeKernels {

    private ShapeKernels() {
    }

    public static void registerAll(KernelRegistry registry) {
    }
}
