package dev.loupe.executor.kernels.random;

import dev.loupe.executor.kernel.KernelRegistry;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class RandomKernels {

    private RandomKernels() {
    }

    public static void registerAll(KernelRegistry registry) {
    }
}
