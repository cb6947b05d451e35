package dev.loupe.executor.kernels.text;

import dev.loupe.executor.kernel.KernelRegistry;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class TextKernels {

    private TextKernels() {
    }

    public static void registerAll(KernelRegistry registry) {
    }
}
