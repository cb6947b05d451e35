package dev.loupe.executor.kernels.signal;

import dev.loupe.executor.kernel.KernelRegistry;
import dev.loupe.model.OpsetId;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class SignalKernels {

    private SignalKernels() {
    }

    public static void registerAll(KernelRegistry registry) {
        registry.register(OpsetId.ONNX, "BlackmanWindow", 17, BlackmanWindowKernel::new);
        registry.register(OpsetId.ONNX, "DFT", 17, DftKernel::new);
        registry.register(OpsetId.ONNX, "HammingWindow", 17, HammingWindowKernel::new);
        registry.register(OpsetId.ONNX, "HannWindow", 17, HannWindowKernel::new);
        registry.register(OpsetId.ONNX, "MelWeightMatrix", 17, MelWeightMatrixKernel::new);
        registry.register(OpsetId.ONNX, "STFT", 17, StftKernel::new);
    }
}
