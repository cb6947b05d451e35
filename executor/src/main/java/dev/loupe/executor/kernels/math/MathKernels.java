package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.KernelRegistry;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class MathKernels {

    private MathKernels() {
    }

    public static void registerAll(KernelRegistry registry) {
    }
}
