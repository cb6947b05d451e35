package dev.loupe.executor.kernels.signal;

import dev.loupe.executor.kernel.KernelRegistry;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class SignalKernels {

    private SignalKernels() {
    }

    public static void registerAll(KernelRegistry registry) {
    }
}
