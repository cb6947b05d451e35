package dev.loupe.executor.tensor;

import java.util.List;

/// An ONNX sequence: an ordered, immutable list of values (normally tensors of one element type).
///
/// @param elementType the element type of the tensors it holds, or `null` when unknown (an empty sequence
///                    made without a type)
public record SequenceValue(List<RuntimeValue> elements, dev.loupe.model.ElementType elementType) implements RuntimeValue {

    public SequenceValue {
        elements = List.copyOf(elements);
    }

    @Override
    public long byteSize() {
        return elements.stream().mapToLong(RuntimeValue::byteSize).sum();
    }

    @Override
    public String describe() {
        return "seq(" + elements.size() + ")";
    }
}
