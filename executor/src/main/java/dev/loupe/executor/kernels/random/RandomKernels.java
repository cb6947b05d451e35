package dev.loupe.executor.kernels.random;

import dev.loupe.executor.kernel.KernelRegistry;
import dev.loupe.model.OpsetId;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class RandomKernels {

    private RandomKernels() {
    }

    public static void registerAll(KernelRegistry registry) {
        registry.register(OpsetId.ONNX, "Bernoulli", 15, BernoulliKernel::new);
        registry.register(OpsetId.ONNX, "Multinomial", 7, MultinomialKernel::new);
        registry.register(OpsetId.ONNX, "RandomNormal", 1, RandomNormalKernel::fixed);
        registry.register(OpsetId.ONNX, "RandomNormalLike", 1, RandomNormalKernel::like);
        registry.register(OpsetId.ONNX, "RandomUniform", 1, RandomUniformKernel::fixed);
        registry.register(OpsetId.ONNX, "RandomUniformLike", 1, RandomUniformKernel::like);
    }
}
