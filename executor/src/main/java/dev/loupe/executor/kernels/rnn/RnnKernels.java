package dev.loupe.executor.kernels.rnn;

import dev.loupe.executor.kernel.KernelRegistry;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class RnnKernels {

    private RnnKernels() {
    }

    public static void registerAll(KernelRegistry registry) {
    }
}
