package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelRegistry;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class NnKernels {

    private NnKernels() {
    }

    public static void registerAll(KernelRegistry registry) {
    }
}
