package dev.loupe.executor.session;

import dev.loupe.executor.tensor.MapValue;
import dev.loupe.executor.tensor.OptionalValue;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.SequenceValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.TypeInfo;

import java.util.ArrayList;
import java.util.Map;

/// Checks the values given to a run against the graph's declared inputs: names, kinds, element types,
/// ranks and fixed dimensions (symbolic and unknown dimensions accept any size).
final class InputValidator {

    private InputValidator() {
    }

    /// @throws InputMismatchException listing every problem, one line each
    static void check(Graph graph, Map<String, ? extends RuntimeValue> given) {
        // Plain loops: a session runs this once per run, too few times for the JIT to compile it early, and
        // interpreted streams cost tens of microseconds per run.
        var problems = new ArrayList<String>();
        for (var name : given.keySet()) {
            if (!declares(graph, name)) {
                var declared = new ArrayList<String>();
                graph.inputs().forEach(v -> declared.add(v.name()));
                problems.add("'" + name + "' is not an input of the model (inputs: " + String.join(", ", declared) + ")");
            }
        }
        for (var input : graph.inputs()) {
            var value = given.get(input.name());
            if (value == null) {
                if (!input.isInitializer()) {
                    problems.add("input '" + input.name() + "'" + (input.type() == null ? "" : " (" + input.type() + ")") + " is missing");
                }
                continue;
            }
            if (!matches(input.type(), value)) {
                problems.add("input '" + input.name() + "' expects " + input.type() + " but got " + describe(value));
            }
        }
        if (!problems.isEmpty()) {
            throw new InputMismatchException(problems);
        }
    }

    private static boolean declares(Graph graph, String name) {
        for (var input : graph.inputs()) {
            if (input.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /// Whether `value` can stand for a value declared as `type` (`null` or unspecified accepts anything).
    static boolean matches(TypeInfo type, RuntimeValue value) {
        return switch (type) {
            case null -> true;
            case TypeInfo.TensorType t -> value instanceof Tensor tensor && tensorMatches(t, tensor);
            case TypeInfo.SequenceType s -> value instanceof SequenceValue seq
                    && seq.elements().stream().allMatch(e -> matches(s.elementType(), e));
            case TypeInfo.OptionalType o -> value instanceof OptionalValue opt
                    ? !opt.isPresent() || matches(o.elementType(), opt.value())
                    : matches(o.elementType(), value);
            case TypeInfo.MapType m -> value instanceof MapValue map && (m.keyType() == null || map.keys().type() == m.keyType());
            default -> true;
        };
    }

    private static boolean tensorMatches(TypeInfo.TensorType t, Tensor tensor) {
        if (t.elementType() != null && t.elementType() != ElementType.UNDEFINED && t.elementType() != tensor.type()) {
            return false;
        }
        if (t.shape() == null) {
            return true;
        }
        if (t.shape().rank() != tensor.rank()) {
            return false;
        }
        for (int i = 0; i < tensor.rank(); i++) {
            if (t.shape().dim(i) instanceof Dim.Known(long size, String ignored) && size != tensor.dim(i)) {
                return false;
            }
        }
        return true;
    }

    private static String describe(RuntimeValue value) {
        return switch (value) {
            case SequenceValue s when !s.elements().isEmpty() -> "seq(" + s.elements().size() + " x " + s.elements().getFirst().describe() + ")";
            default -> value.describe();
        };
    }
}
