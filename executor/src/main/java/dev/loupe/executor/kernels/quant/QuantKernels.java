package dev.loupe.executor.kernels.quant;

import dev.loupe.executor.kernel.KernelRegistry;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class QuantKernels {

    private QuantKernels() {
    }

    public static void registerAll(KernelRegistry registry) {
    }
}
