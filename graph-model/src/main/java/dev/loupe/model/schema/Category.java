package dev.loupe.model.schema;

/// The family an operator belongs to, for colouring nodes: each category is a style class in the theme.
/// Chosen by Loupe from the operator's name (see `tools/gen_op_schemas.py`), not by ONNX.
public enum Category {
    /// Weighted layers: convolutions, matrix products, recurrent cells.
    LAYER,
    /// Element-wise non-linearities and soft-max-like functions.
    ACTIVATION,
    /// Normalization, and dropout.
    NORMALIZATION,
    /// Pooling and region-of-interest pooling.
    POOL,
    /// Moving, reshaping, selecting and converting tensor data, and reading shapes.
    TENSOR,
    /// Comparisons, boolean operators and selection by a condition.
    LOGIC,
    /// Element-wise arithmetic and other mathematical functions.
    MATH,
    /// Reductions over axes.
    REDUCE,
    /// Quantizing and dequantizing.
    QUANTIZATION,
    /// Control flow with subgraphs: `If`, `Loop`, `Scan`.
    CONTROL,
    /// Sequence and optional containers.
    SEQUENCE,
    /// Constants and generated data such as ranges and windows.
    DATA,
    /// Random number generation.
    RANDOM,
    /// Classical machine learning (`ai.onnx.ml`).
    ML,
    /// Training: losses, gradients and optimizers.
    TRAINING,
    /// Everything else.
    OTHER
}
