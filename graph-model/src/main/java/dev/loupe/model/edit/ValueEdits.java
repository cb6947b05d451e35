package dev.loupe.model.edit;

import dev.loupe.model.Attribute;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.TensorData;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;
import java.util.ArrayList;

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

    static boolean nameTaken(Graph graph, String name) {
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

    /// Makes an existing value of the main graph a graph output ("promote"): an intermediate value to
    /// observe it, or a graph input or initializer. A value without a declared type gets the type shape
    /// inference found (the official checker wants a type on every main-graph output); undo takes it back.
    ///
    /// @throws EditException when the value is already an output, is computed by nothing, belongs to a
    ///                       subgraph (whose outputs are fixed by its `If`/`Loop`/`Scan` node), or has no
    ///                       known type (run shape inference first)
    public static Edit addGraphOutput(Value value) throws EditException {
        var graph = value.graph();
        if (value.isGraphOutput()) {
            throw new EditException("'" + value.name() + "' is already a graph output");
        }
        if (!value.isDefined()) {
            throw new EditException("'" + value.name() + "' is not computed by anything");
        }
        if (graph.parent() != null) {
            throw new EditException("'" + value.name() + "' belongs to a subgraph, whose outputs its node fixes");
        }
        var declared = value.type();
        var type = declared != null ? declared : value.bestType();
        if (type == null) {
            throw new EditException("no type is known for '" + value.name() + "': run shape inference or declare one first");
        }
        return new SimpleEdit("Add graph output '" + value.name() + "'",
                () -> {
                    value.setType(type);
                    graph.addOutput(value);
                },
                () -> {
                    graph.removeOutput(value);
                    value.setType(declared);
                });
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
        var rest = new ArrayList<>(graph.outputs().subList(index, graph.outputs().size()));
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

    /// Turns a `Constant` node into an initializer of its output value (named like the value), removing the
    /// node. Scalar and list forms (`value_float`, `value_ints`...) become 0-D and 1-D tensors.
    ///
    /// @throws EditException when the node is not an `ai.onnx` `Constant`, holds a sparse tensor or no value,
    ///                       lives in a function body (functions have no initializers), or the model's IR
    ///                       version (below 4) would require every initializer to be a graph input
    public static Edit constantToInitializer(Model model, Node node) throws EditException {
        if (!node.opType().equals("Constant") || !node.canonicalDomain().isEmpty()) {
            throw new EditException(node.displayName() + " is a " + node.opType() + ", not a Constant");
        }
        var out = node.output(0);
        if (out == null) {
            throw new EditException(node.displayName() + " has no output");
        }
        var graph = node.graph();
        if (model.functions().stream().anyMatch(f -> f.body() == graph)) {
            throw new EditException(node.displayName() + " is in a function body, which cannot hold initializers");
        }
        if (model.irVersion() != null && model.irVersion() < 4) {
            throw new EditException("IR version " + model.irVersion() + " makes every initializer a graph input; upgrade the IR version first");
        }
        if (node.attributes().size() != 1) {
            throw new EditException(node.displayName() + " should have exactly one value attribute, not " + node.attributes().size());
        }
        var tensor = ConstantValues.tensor(node.attributes().values().iterator().next(), out.name());
        int[] index = {-1};
        return new SimpleEdit("Make Constant " + node.displayName() + " the initializer '" + out.name() + "'",
                () -> {
                    index[0] = graph.detachNode(node);
                    graph.setInitializer(out, tensor);
                },
                () -> {
                    graph.setInitializer(out, null);
                    graph.restoreNode(node, index[0]);
                });
    }

    /// Turns an initializer into a `Constant` node (named after the value) placed first in its graph; the
    /// value keeps its name, so the nodes reading it are unchanged.
    ///
    /// @throws EditException when the value is no initializer, or is also a graph input (an input with a
    ///                       default that callers may override, which a Constant could not express)
    public static Edit initializerToConstant(Value value) throws EditException {
        if (!value.isInitializer()) {
            throw new EditException("'" + value.name() + "' is not an initializer");
        }
        if (value.isGraphInput()) {
            throw new EditException("'" + value.name() + "' is also a graph input, a default callers may override;"
                    + " remove it from the inputs first");
        }
        var graph = value.graph();
        var tensor = value.initializer();
        int position = graph.initializers().indexOf(value);
        var name = ScopeNames.freshNode(graph, value.name());
        Node[] constant = {null};
        return new SimpleEdit("Make initializer '" + value.name() + "' a Constant node",
                () -> {
                    graph.setInitializer(value, null);
                    if (constant[0] == null) {
                        constant[0] = graph.insertNode(0, name, "Constant", "");
                        constant[0].setAttribute(Attribute.ofTensor("value", tensor));
                        constant[0].addOutput(value);
                    } else {
                        graph.restoreNode(constant[0], 0);
                    }
                },
                () -> {
                    graph.detachNode(constant[0]);
                    insertInitializer(graph, position, value, tensor);
                });
    }

    private static void insertInitializer(Graph graph, int index, Value value, TensorData tensor) {
        var rest = new ArrayList<>(graph.initializers().subList(index, graph.initializers().size()));
        var tensors = rest.stream().map(Value::initializer).toList();
        rest.forEach(v -> graph.setInitializer(v, null));
        graph.setInitializer(value, tensor);
        for (int i = 0; i < rest.size(); i++) {
            graph.setInitializer(rest.get(i), tensors.get(i));
        }
    }
}
