package dev.loupe.executor.tensor;

import java.util.List;

/// An ONNX map: `keys` is a 1-D tensor (integers or strings) and `values` holds the value for each key.
public record MapValue(Tensor keys, List<RuntimeValue> values) implements RuntimeValue {

    public MapValue {
        values = List.copyOf(values);
    }

    @Override
    public long byteSize() {
        return keys.byteSize() + values.stream().mapToLong(RuntimeValue::byteSize).sum();
    }

    @Override
    public String describe() {
        return "map(" + values.size() + ")";
    }
}
