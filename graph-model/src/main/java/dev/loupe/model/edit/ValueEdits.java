package dev.loupe.model.edit;

import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import dev.loupe.model.TensorData;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;

/// Edits of values: names, declared types, graph outputs, initializers and the wiring of node inputs.
public final class ValueEdits {

    private ValueEdits() {
    }

    /// Renames a value everywhere it is used (all uses refer to the same value, so they follow). Refused
    /// when the name is taken in its graph or in a subgraph below it.
    public static Edit rename(Value value, String newName) throws EditException {
        if (newName == null || newName.isEmpty()) {
            throw new EditException("a value needs a non-empty name");
        }
        if (nameTaken(value.graph(), newName)) {
            throw new EditException("a value named '" + newName + "' already exists");
        }
        var old = value.name();
        var graph = value.graph();
        return new SimpleEdit("Rename value '" + old + "' to '" + newName + "'",
                () -> graph.renameValue(value, newName), () -> graph.renameValue(value, old));
    }

    private static boolean nameTaken(Graph graph, String name) {
        if (graph.value(name) != null) {
            return true;
        }
        for (var node : graph.nodes()) {
            for (var sub : node.subgraphs()) {
                if (nameTaken(sub, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /// Declares a new type for a value (for example a graph input's element type or shape, or a dimension
    /// made symbolic); `null` removes the declaration.
    public static Edit setType(Value value, TypeInfo type) {
        var old = value.type();
        return new SimpleEdit("Set type of '" + value.name() + "' to " + type, () -> value.setType(type), () -> value.setType(old));
    }

    /// Makes an existing value a graph output (for example an intermediate value, to observe it).
    public static Edit addGraphOutput(Value value) throws EditException {
        var graph = value.graph();
        if (value.isGraphOutput()) {
            throw new EditException("'" + value.name() + "' is already a graph output");
        }
        if (!value.isDefined()) {
            throw new EditException("'" + value.name() + "' is not computed by anything");
        }
        return new SimpleEdit("Add graph output '" + value.name() + "'", () -> graph.addOutput(value), () -> graph.removeOutput(value));
    }

    /// Removes a value from the graph outputs. Refused for the last output: a graph must produce something.
    public static Edit removeGraphOutput(Value value) throws EditException {
        var graph = value.graph();
        int index = graph.outputs().indexOf(value);
        if (index < 0) {
            throw new EditException("'" + value.name() + "' is not a graph output");
        }
        if (graph.outputs().size() == 1) {
            throw new EditException("'" + value.name() + "' is the graph's only output");
        }
        return new SimpleEdit("Remove graph output '" + value.name() + "'",
                () -> graph.removeOutput(value), () -> insertOutput(graph, index, value));
    }

    private static void insertOutput(Graph graph, int index, Value value) {
        var rest = new java.util.ArrayList<>(graph.outputs().subList(index, graph.outputs().size()));
        rest.forEach(graph::removeOutput);
        graph.addOutput(value);
        rest.forEach(graph::addOutput);
    }

    /// Replaces the constant of an initializer (its name stays the value's name).
    public static Edit replaceInitializer(Value value, TensorData tensor) throws EditException {
        if (!value.isInitializer()) {
            throw new EditException("'" + value.name() + "' is not an initializer");
        }
        var old = value.initializer();
        var renamed = tensor.withName(value.name());
        var graph = value.graph();
        return new SimpleEdit("Replace initializer '" + value.name() + "'",
                () -> graph.setInitializer(value, renamed), () -> graph.setInitializer(value, old));
    }

    /// Points input `slot` of `node` at another value of its scope. Refused when that would make a cycle
    /// (the value depends on the node) or when both element types are known and differ.
    public static Edit reconnect(Node node, int slot, Value newValue) throws EditException {
        if (slot < 0 || slot >= node.inputs().size()) {
            throw new EditException(node.displayName() + " has no input " + slot);
        }
        if (newValue != null && newValue.producer() != null && NodeEdits.descendants(node).contains(newValue.producer())) {
            throw new EditException("connecting '" + newValue.name() + "' to " + node.displayName() + " would make a cycle");
        }
        var old = node.input(slot);
        if (old != null && newValue != null) {
            var oldType = elementType(old.bestType());
            var newType = elementType(newValue.bestType());
            if (oldType != null && newType != null && oldType != newType) {
                throw new EditException("input " + slot + " of " + node.displayName() + " holds " + oldType.onnxName()
                        + " but '" + newValue.name() + "' is " + newType.onnxName());
            }
        }
        return new SimpleEdit("Connect input " + slot + " of " + node.displayName() + " to '"
                + (newValue == null ? "(none)" : newValue.name()) + "'",
                () -> node.setInput(slot, newValue), () -> node.setInput(slot, old));
    }

    private static dev.loupe.model.ElementType elementType(TypeInfo type) {
        return type instanceof TypeInfo.TensorType t && t.elementType() != dev.loupe.model.ElementType.UNDEFINED ? t.elementType() : null;
    }
}
