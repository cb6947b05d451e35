package dev.loupe.executor.kernels.text;

import dev.loupe.executor.kernel.KernelRegistry;
import dev.loupe.model.OpsetId;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class TextKernels {

    private TextKernels() {
    }

    public static void registerAll(KernelRegistry registry) {
        registry.register(OpsetId.ONNX, "StringNormalizer", 10, StringNormalizerKernel::new);
        registry.register(OpsetId.ONNX, "TfIdfVectorizer", 9, TfIdfVectorizerKernel::new);
    }
}
