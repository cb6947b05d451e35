package dev.loupe.executor.tensor;

/// An ONNX optional: holds `value`, or nothing when `value` is `null`.
public record OptionalValue(RuntimeValue value) implements RuntimeValue {

    public boolean isPresent() {
        return value != null;
    }

    @Override
    public long byteSize() {
        return value == null ? 0 : value.byteSize();
    }

    @Override
    public String describe() {
        return value == null ? "optional(none)" : "optional(" + value.describe() + ")";
    }
}
