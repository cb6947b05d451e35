package dev.loupe.executor.kernels.quant;

import dev.loupe.executor.kernel.KernelRegistry;
import dev.loupe.model.OpsetId;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class QuantKernels {

    private QuantKernels() {
    }

    public static void registerAll(KernelRegistry registry) {
        registry.register(OpsetId.ONNX, "ConvInteger", 10, ConvIntegerKernel::new);
        registry.register(OpsetId.ONNX, "DequantizeLinear", new int[] {10, 13}, DequantizeLinearKernel::new);
        registry.register(OpsetId.ONNX, "DynamicQuantizeLinear", 11, DynamicQuantizeLinearKernel::new);
        registry.register(OpsetId.ONNX, "MatMulInteger", 10, MatMulIntegerKernel::new);
        registry.register(OpsetId.ONNX, "QLinearConv", 10, QLinearConvKernel::new);
        registry.register(OpsetId.ONNX, "QLinearMatMul", 10, QLinearMatMulKernel::new);
        registry.register(OpsetId.ONNX, "QuantizeLinear", new int[] {10, 13}, QuantizeLinearKernel::new);
    }
}
