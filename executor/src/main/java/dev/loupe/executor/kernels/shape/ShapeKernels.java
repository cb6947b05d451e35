package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelRegistry;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class ShapeKernels {

    private static final String ONNX = "";

    private ShapeKernels() {
    }

    /// Adds this family's kernels to `registry` (called once, before the registry is used).
    public static void registerAll(KernelRegistry registry) {
        registry.register(ONNX, "Reshape", new int[] {1, 5, 13, 14, 19, 21}, ReshapeKernel::new);
        registry.register(ONNX, "Flatten", new int[] {1, 9, 11, 13, 21}, FlattenKernel::new);
        registry.register(ONNX, "Squeeze", new int[] {1, 11, 13, 21}, SqueezeKernel::new);
        registry.register(ONNX, "Unsqueeze", new int[] {1, 11, 13, 21}, UnsqueezeKernel::new);
        registry.register(ONNX, "Transpose", new int[] {1, 13, 21}, TransposeKernel::new);
        registry.register(ONNX, "Concat", new int[] {1, 4, 11, 13}, ConcatKernel::new);
        registry.register(ONNX, "Split", new int[] {1, 2, 11, 13, 18}, SplitKernel::new);
        registry.register(ONNX, "Slice", new int[] {1, 10, 11, 13}, SliceKernel::new);
        registry.register(ONNX, "Gather", new int[] {1, 11, 13}, GatherKernel::new);
        registry.register(ONNX, "GatherElements", new int[] {11, 13}, GatherElementsKernel::new);
        registry.register(ONNX, "GatherND", new int[] {11, 12, 13}, GatherNdKernel::new);
        registry.register(ONNX, "Scatter", new int[] {9, 11}, ScatterElementsKernel::new);
        registry.register(ONNX, "ScatterElements", new int[] {11, 13, 16, 18}, ScatterElementsKernel::new);
        registry.register(ONNX, "ScatterND", new int[] {11, 13, 16, 18}, ScatterNdKernel::new);
        registry.register(ONNX, "Expand", new int[] {8, 13}, node -> new ExpandKernel());
        registry.register(ONNX, "Tile", new int[] {1, 6, 13}, TileKernel::new);
        registry.register(ONNX, "Pad", new int[] {1, 2, 11, 13, 18, 19, 21}, PadKernel::new);
        registry.register(ONNX, "Shape", new int[] {1, 13, 15, 19, 21}, ShapeKernel::new);
        registry.register(ONNX, "Size", new int[] {1, 13, 19, 21}, node -> new SizeKernel());
        registry.register(ONNX, "Cast", new int[] {1, 6, 9, 13, 19, 21}, CastKernel::new);
        registry.register(ONNX, "CastLike", new int[] {15, 19, 21}, CastLikeKernel::new);
        registry.register(ONNX, "Constant", new int[] {1, 9, 11, 12, 13, 19, 21}, ConstantKernel::new);
        registry.register(ONNX, "ConstantOfShape", new int[] {9, 20, 21}, ConstantOfShapeKernel::new);
        registry.register(ONNX, "Identity", new int[] {1, 13, 14, 16, 19, 21}, node -> new IdentityKernel());
        registry.register(ONNX, "Range", 11, node -> new RangeKernel());
        registry.register(ONNX, "NonZero", new int[] {9, 13}, node -> new NonZeroKernel());
        registry.register(ONNX, "TopK", new int[] {1, 10, 11}, TopKKernel::new);
        registry.register(ONNX, "Unique", 11, UniqueKernel::new);
        registry.register(ONNX, "OneHot", new int[] {9, 11}, OneHotKernel::new);
        registry.register(ONNX, "Compress", new int[] {9, 11}, CompressKernel::new);
        registry.register(ONNX, "Trilu", 14, TriluKernel::new);
        registry.register(ONNX, "EyeLike", new int[] {9, 22}, EyeLikeKernel::new);
        registry.register(ONNX, "ReverseSequence", 10, ReverseSequenceKernel::new);
        registry.register(ONNX, "CenterCropPad", new int[] {18, 21}, CenterCropPadKernel::new);
    }
}
