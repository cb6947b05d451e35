package dev.loupe.model;

import java.util.List;

/// A runtime value as test data and run results hold it: a tensor, a sequence, a map or an optional.
public sealed interface DataValue {

    record TensorValue(TensorData tensor) implements DataValue {}

    /// Elements in order; `elementType` is `null` when not known.
    record SequenceValue(List<DataValue> elements) implements DataValue {
        public SequenceValue {
            elements = List.copyOf(elements);
        }
    }

    /// Keys (a 1-D int or string tensor) and the values at the same positions.
    record MapValue(TensorData keys, List<DataValue> values) implements DataValue {
        public MapValue {
            values = List.copyOf(values);
        }
    }

    /// An optional holding `value`, or empty when `value` is `null`.
    record OptionalValue(DataValue value) implements DataValue {}
}
