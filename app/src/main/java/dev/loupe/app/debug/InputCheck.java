package dev.loupe.app.debug;

import dev.loupe.executor.tensor.MapValue;
import dev.loupe.executor.tensor.OptionalValue;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.SequenceValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import dev.loupe.model.TypeInfo;

/// Whether a value can feed an input declared with some type: the same checks a session makes before a
/// run (kind, element type, rank, fixed dimensions), but answered with the reason in words.
final class InputCheck {

    private InputCheck() {
    }

    /// Why `value` cannot stand for a value declared as `declared`, or `null` when it can (a missing or
    /// unspecified declaration accepts anything).
    static String problem(TypeInfo declared, RuntimeValue value) {
        return switch (declared) {
            case null -> null;
            case TypeInfo.TensorType t -> value instanceof Tensor tensor ? tensorProblem(t, tensor)
                    : "expects a tensor, got " + value.describe();
            case TypeInfo.SequenceType s -> {
                if (!(value instanceof SequenceValue seq)) {
                    yield "expects a sequence, got " + value.describe();
                }
                for (var e : seq.elements()) {
                    var p = problem(s.elementType(), e);
                    if (p != null) {
                        yield "an element " + p;
                    }
                }
                yield null;
            }
            case TypeInfo.OptionalType o -> value instanceof OptionalValue opt
                    ? (opt.isPresent() ? problem(o.elementType(), opt.value()) : null)
                    : problem(o.elementType(), value);
            case TypeInfo.MapType m -> value instanceof MapValue map
                    ? (m.keyType() == null || map.keys().type() == m.keyType() ? null
                            : "expects " + m.keyType().onnxName() + " keys, got " + map.keys().type().onnxName())
                    : "expects a map, got " + value.describe();
            default -> null;
        };
    }

    private static String tensorProblem(TypeInfo.TensorType t, Tensor tensor) {
        var type = t.elementType();
        if (type != null && type != ElementType.UNDEFINED && type != tensor.type()) {
            return "expects " + type.onnxName() + ", got " + tensor.describe();
        }
        if (t.shape() == null) {
            return null;
        }
        if (t.shape().rank() != tensor.rank()) {
            return "expects rank " + t.shape().rank() + ", got " + tensor.describe();
        }
        for (int i = 0; i < tensor.rank(); i++) {
            if (t.shape().dim(i) instanceof Dim.Known(long size, String ignored) && size != tensor.dim(i)) {
                return "expects " + size + " along axis " + i + ", got " + tensor.describe();
            }
        }
        return null;
    }
}
