package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelRegistry;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class NnKernels {

    private static final String ONNX = "";

    private NnKernels() {
    }

    /// Adds this family's kernels to `registry` (called once, before the registry is used).
    public static void registerAll(KernelRegistry registry) {
        registry.register(ONNX, "Conv", new int[] {1, 11}, ConvKernel::new);
        registry.register(ONNX, "ConvTranspose", new int[] {1, 11}, ConvTransposeKernel::new);
        registry.register(ONNX, "MaxPool", new int[] {1, 8, 10, 11, 12}, MaxPoolKernel::new);
        registry.register(ONNX, "AveragePool", new int[] {1, 7, 10, 11, 19}, AveragePoolKernel::new);
        registry.register(ONNX, "LpPool", new int[] {1, 2, 11, 18}, LpPoolKernel::new);
        registry.register(ONNX, "GlobalAveragePool", 1, node -> new GlobalPoolKernel(node, GlobalPoolKernel.Mode.AVERAGE));
        registry.register(ONNX, "GlobalMaxPool", 1, node -> new GlobalPoolKernel(node, GlobalPoolKernel.Mode.MAX));
        registry.register(ONNX, "GlobalLpPool", new int[] {1, 2}, node -> new GlobalPoolKernel(node, GlobalPoolKernel.Mode.LP));
        registry.register(ONNX, "MaxUnpool", new int[] {9, 11, 22}, MaxUnpoolKernel::new);
        registry.register(ONNX, "MaxRoiPool", new int[] {1, 22}, MaxRoiPoolKernel::new);
        registry.register(ONNX, "RoiAlign", new int[] {10, 16}, RoiAlignKernel::new);
        registry.register(ONNX, "BatchNormalization", new int[] {1, 6, 7, 9, 14, 15}, BatchNormalizationKernel::new);
        registry.register(ONNX, "InstanceNormalization", new int[] {1, 6}, InstanceNormalizationKernel::new);
        registry.register(ONNX, "LayerNormalization", 17, LayerNormalizationKernel::new);
        registry.register(ONNX, "GroupNormalization", new int[] {18, 21}, GroupNormalizationKernel::new);
        registry.register(ONNX, "LpNormalization", new int[] {1, 22}, LpNormalizationKernel::new);
        registry.register(ONNX, "MeanVarianceNormalization", new int[] {9, 13}, MeanVarianceNormalizationKernel::new);
        registry.register(ONNX, "LRN", new int[] {1, 13}, LrnKernel::new);
        registry.register(ONNX, "Dropout", new int[] {1, 6, 7, 10, 12, 13, 22}, DropoutKernel::new);
        registry.register(ONNX, "Resize", new int[] {10, 11, 13, 18, 19}, ResizeKernel::new);
        registry.register(ONNX, "Upsample", new int[] {1, 7, 9}, UpsampleKernel::new);
        registry.register(ONNX, "GridSample", new int[] {16, 20}, GridSampleKernel::new);
        registry.register(ONNX, "DepthToSpace", new int[] {1, 11, 13}, DepthToSpaceKernel::new);
        registry.register(ONNX, "SpaceToDepth", new int[] {1, 13}, SpaceToDepthKernel::new);
        registry.register(ONNX, "Col2Im", 18, Col2ImKernel::new);
        registry.register(ONNX, "NonMaxSuppression", new int[] {10, 11}, NonMaxSuppressionKernel::new);
        registry.register(ONNX, "Shrink", 9, ShrinkKernel::new);
    }
}
