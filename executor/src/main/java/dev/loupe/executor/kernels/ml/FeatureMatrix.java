package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.tensor.Tensor;

/// A numeric input seen as rows of features in double precision: the last axis holds the features, the
/// axes before it the rows (a 1-D tensor is one row).
///
/// @param values row-major, `rows * cols` values; may be the input's own array, so read only
/// @param rows the number of samples
/// @param cols the number of features per sample
record FeatureMatrix(double[] values, int rows, int cols) {

    static FeatureMatrix of(Tensor x, String name) {
        var shape = x.shape();
        int cols = shape.length == 0 ? 1 : (int) shape[shape.length - 1];
        int rows = 1;
        for (int i = 0; i < shape.length - 1; i++) {
            rows *= (int) shape[i];
        }
        return new FeatureMatrix(MlTensors.toDoubles(x, name), rows, cols);
    }
}
