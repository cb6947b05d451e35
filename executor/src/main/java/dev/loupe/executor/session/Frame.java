package dev.loupe.executor.session;

import dev.loupe.executor.tensor.RuntimeValue;

import java.util.HashMap;
import java.util.Map;

/// The values of one running graph. Names it does not hold resolve to its graph's initializers, then to
/// the enclosing frame (lexical scoping of subgraphs); a function body's frame has no enclosing frame.
final class Frame {

    private final CompiledGraph graph;
    private final Frame enclosing;
    private final FramePath path;
    private final Map<String, RuntimeValue> values = new HashMap<>();

    Frame(CompiledGraph graph, Frame enclosing, FramePath path) {
        this.graph = graph;
        this.enclosing = enclosing;
        this.path = path;
    }

    CompiledGraph graph() {
        return graph;
    }

    FramePath path() {
        return path;
    }

    /// The value named `name` in this frame or an enclosing one, or `null` (absent, or bound to nothing).
    RuntimeValue lookup(String name) {
        for (var f = this; f != null; f = f.enclosing) {
            var v = f.values.get(name);
            if (v != null || f.values.containsKey(name)) {
                return v;
            }
            var c = f.graph.constant(name);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /// Binds `name` here; the previous binding, if any, is returned.
    RuntimeValue bind(String name, RuntimeValue value) {
        return values.put(name, value);
    }

    /// Unbinds `name` and returns what it was bound to.
    RuntimeValue release(String name) {
        return values.remove(name);
    }

    Map<String, RuntimeValue> values() {
        return values;
    }
}
