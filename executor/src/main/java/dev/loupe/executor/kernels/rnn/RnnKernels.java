package dev.loupe.executor.kernels.rnn;

import dev.loupe.executor.kernel.KernelRegistry;
import dev.loupe.model.OpsetId;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class RnnKernels {

    private RnnKernels() {
    }

    public static void registerAll(KernelRegistry registry) {
        registry.register(OpsetId.ONNX, "GRU", new int[] {1, 3, 7, 14}, GruKernel::new);
        registry.register(OpsetId.ONNX, "LSTM", new int[] {1, 7, 14}, LstmKernel::new);
        registry.register(OpsetId.ONNX, "RNN", new int[] {1, 7, 14}, RnnKernel::new);
    }
}
