package dev.loupe.executor.io;

import dev.loupe.executor.tensor.MapValue;
import dev.loupe.executor.tensor.OptionalValue;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.SequenceValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.tensor.TensorConversion;
import dev.loupe.model.DataValue;
import dev.loupe.model.ElementType;
import dev.loupe.model.TypeInfo;

import java.util.ArrayList;

/// Converts between the model layer's [DataValue]s (as `.pb` files hold them) and runtime values.
public final class ValueConversion {

    private ValueConversion() {
    }

    /// The runtime form of `value`; `declared` (may be `null`) supplies the element type of an empty sequence.
    public static RuntimeValue toRuntime(DataValue value, TypeInfo declared) {
        return switch (value) {
            case DataValue.TensorValue t -> TensorConversion.fromTensorData(t.tensor());
            case DataValue.SequenceValue s -> {
                var inner = declared instanceof TypeInfo.SequenceType st ? st.elementType() : null;
                var elements = new ArrayList<RuntimeValue>();
                for (var e : s.elements()) {
                    elements.add(toRuntime(e, inner));
                }
                ElementType type = elements.isEmpty() ? tensorElementType(inner)
                        : elements.getFirst() instanceof Tensor t ? t.type() : null;
                yield new SequenceValue(elements, type);
            }
            case DataValue.MapValue m -> {
                var inner = declared instanceof TypeInfo.MapType mt ? mt.valueType() : null;
                var values = new ArrayList<RuntimeValue>();
                for (var e : m.values()) {
                    values.add(toRuntime(e, inner));
                }
                yield new MapValue(TensorConversion.fromTensorData(m.keys()), values);
            }
            case DataValue.OptionalValue o -> new OptionalValue(o.value() == null ? null
                    : toRuntime(o.value(), declared instanceof TypeInfo.OptionalType ot ? ot.elementType() : null));
        };
    }

    /// The model-layer form of `value`; tensors are named `name`.
    public static DataValue toData(RuntimeValue value, String name) {
        return switch (value) {
            case Tensor t -> new DataValue.TensorValue(TensorConversion.toTensorData(t, name));
            case SequenceValue s -> new DataValue.SequenceValue(s.elements().stream().map(e -> toData(e, "")).toList());
            case MapValue m -> new DataValue.MapValue(TensorConversion.toTensorData(m.keys(), "keys"),
                    m.values().stream().map(e -> toData(e, "")).toList());
            case OptionalValue o -> new DataValue.OptionalValue(o.value() == null ? null : toData(o.value(), name));
        };
    }

    private static ElementType tensorElementType(TypeInfo t) {
        return t instanceof TypeInfo.TensorType tt ? tt.elementType() : null;
    }
}
