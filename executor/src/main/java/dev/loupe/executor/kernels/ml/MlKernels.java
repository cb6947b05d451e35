package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.KernelRegistry;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class MlKernels {

    private MlKernels() {
    }

    public static void registerAll(KernelRegistry registry) {
    }
}
