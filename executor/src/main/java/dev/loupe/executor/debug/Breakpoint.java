package dev.loupe.executor.debug;

import dev.loupe.executor.session.NodeEvent;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.SequenceValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Node;

import java.util.List;

/// Where a [Debugger] stops on its own. Node and operator breakpoints stop *before* a matching node runs;
/// output conditions stop *after* a node whose outputs meet them, so the offending values can be inspected.
public sealed interface Breakpoint {

    /// Before this very node (compared by identity), wherever it runs.
    record AtNode(Node node) implements Breakpoint {
    }

    /// Before any node with this name (or display name): useful for nodes of expanded function bodies,
    /// which are copies.
    record NodeNamed(String name) implements Breakpoint {
    }

    /// Before any node of this operator type (any domain).
    record OpType(String opType) implements Breakpoint {
    }

    /// After a node that produces a NaN (when `nan`) or an infinity (when `infinity`) in a floating-point
    /// output (tensors and tensors inside sequences).
    record NonFinite(boolean nan, boolean infinity) implements Breakpoint {
    }

    /// After a node that produces a finite value whose magnitude exceeds `bound` in a floating-point output.
    record MaxAbsAbove(double bound) implements Breakpoint {
    }

    static Breakpoint atNode(Node node) {
        return new AtNode(node);
    }

    static Breakpoint opType(String opType) {
        return new OpType(opType);
    }

    /// NaN or infinity.
    static Breakpoint nonFinite() {
        return new NonFinite(true, true);
    }

    static Breakpoint nan() {
        return new NonFinite(true, false);
    }

    static Breakpoint maxAbsAbove(double bound) {
        return new MaxAbsAbove(bound);
    }

    /// Whether this breakpoint stops before the node of `event`.
    default boolean matchesBefore(NodeEvent.Before event) {
        var node = event.node();
        return switch (this) {
            case AtNode(Node n) -> n == node;
            case NodeNamed(String name) -> name.equals(node.name()) || name.equals(node.displayName());
            case OpType(String op) -> op.equals(node.opType());
            default -> false;
        };
    }

    /// Whether this breakpoint stops after the node of `event`, by its outputs.
    default boolean matchesAfter(NodeEvent.After event) {
        return switch (this) {
            case NonFinite(boolean nan, boolean infinity) -> anyFloat(event.outputs(), v -> (nan && Double.isNaN(v))
                    || (infinity && Double.isInfinite(v)));
            case MaxAbsAbove(double bound) -> anyFloat(event.outputs(), v -> Double.isFinite(v) && Math.abs(v) > bound);
            default -> false;
        };
    }

    private static boolean anyFloat(List<RuntimeValue> values, java.util.function.DoublePredicate test) {
        for (var v : values) {
            if (v instanceof Tensor t && hasFloat(t, test)) {
                return true;
            }
            if (v instanceof SequenceValue s && anyFloat(s.elements(), test)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasFloat(Tensor t, java.util.function.DoublePredicate test) {
        switch (t.data()) {
            case float[] f when t.type().isFloatingPoint() -> {
                for (float x : f) {
                    if (test.test(x)) {
                        return true;
                    }
                }
            }
            case double[] d when t.type().isFloatingPoint() -> {
                for (double x : d) {
                    if (test.test(x)) {
                        return true;
                    }
                }
            }
            default -> {
                if (t.type().isFloatingPoint()) {
                    for (int i = 0; i < t.size(); i++) {
                        if (test.test(t.getDouble(i))) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}
