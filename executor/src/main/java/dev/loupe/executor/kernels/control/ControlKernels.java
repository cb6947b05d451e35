package dev.loupe.executor.kernels.control;

import dev.loupe.executor.kernel.KernelRegistry;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class ControlKernels {

    private ControlKernels() {
    }

    public static void registerAll(KernelRegistry registry) {
    }
}
