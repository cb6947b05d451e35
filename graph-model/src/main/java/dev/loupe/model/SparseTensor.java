package dev.loupe.model;

/// A sparse tensor: `values` (1-D), `indices` (1-D linear or 2-D coordinates, int64) and the dense shape.
public record SparseTensor(TensorData values, TensorData indices, long[] dims, Opaque extras) {

    public String name() {
        return values == null ? "" : values.name();
    }
}
