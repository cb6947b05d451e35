package dev.loupe.executor.kernels.training;

import dev.loupe.executor.kernel.KernelRegistry;
import dev.loupe.model.OpsetId;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class TrainingKernels {

    private TrainingKernels() {
    }

    public static void registerAll(KernelRegistry registry) {
        registry.register(OpsetId.TRAINING, "Adagrad", 1, AdagradKernel::new);
        registry.register(OpsetId.TRAINING, "Adam", 1, AdamKernel::new);
        registry.register(OpsetId.TRAINING, "Gradient", 1, GradientKernel::new);
        registry.register(OpsetId.TRAINING, "Momentum", 1, MomentumKernel::new);
    }
}
