package dev.loupe.executor.kernels.ml;

/// The precision in which a [TreeEnsemble] compares features against its split thresholds.
public enum ThresholdPrecision {
    /// Each threshold rounded to float first, as a model that stores `nodes_values` (ai.onnx.ml opset 1 and 2)
    /// holds it.
    FLOAT,
    /// Thresholds exactly as the model stores them, compared in double: what the kernel does, and what
    /// scikit-learn does for a model converted with `nodes_values_as_tensor` (opset 3).
    DOUBLE;

    double apply(double threshold) {
        return this == FLOAT ? (float) threshold : threshold;
    }
}
