package dev.loupe.executor.kernels.training;

import dev.loupe.executor.kernel.KernelRegistry;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class TrainingKernels {

    private TrainingKernels() {
    }

    public static void registerAll(KernelRegistry registry) {
    }
}
