package dev.loupe.model.edit;

import dev.loupe.model.ElementType;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;
import java.util.ArrayList;
import java.util.HashMap;

/// Edits of the main graph's inputs: adding one, removing an unused one, changing an input's element type.
///
/// Shapes are edited through `dev.loupe.model.transform.ShapeEdits`: `setInputShape` sets a whole shape
/// (`x=batch,3,224,224`) and `setInputDim` makes one dimension symbolic, fixed or unknown; both re-infer the
/// model's types. Graph outputs are added and removed by [ValueEdits#addGraphOutput] and
/// [ValueEdits#removeGraphOutput].
public final class GraphInputEdits {

    private GraphInputEdits() {
    }

    /// Adds a main-graph input `name` of type `type` at the end of the inputs. When nodes already read an
    /// undefined value of that name, the new input defines it for them.
    ///
    /// @throws EditException when the name is empty or already defined (or used in a subgraph), or the type
    ///                       is missing
    public static Edit add(Model model, String name, TypeInfo type) throws EditException {
        var graph = model.graph();
        if (name == null || name.isEmpty()) {
            throw new EditException("a graph input needs a non-empty name");
        }
        if (type == null) {
            throw new EditException("graph input '" + name + "' needs a type");
        }
        var existing = graph.value(name);
        if (existing != null ? existing.isDefined() || existing.isGraphOutput() : ValueEdits.nameTaken(graph, name)) {
            throw new EditException("a value named '" + name + "' already exists");
        }
        var created = new ScopeNames.Created(graph);
        Value[] input = {null};
        TypeInfo[] old = {null};
        var readers = existing == null ? 0 : existing.consumers().size();
        return new SimpleEdit("Add graph input '" + name + "' " + type
                + (readers == 0 ? "" : " (read by " + readers + " node(s))"),
                () -> {
                    created.restore();
                    if (input[0] == null) {
                        input[0] = created.create(name);
                        old[0] = input[0].type();
                    }
                    input[0].setType(type);
                    graph.addInput(input[0]);
                },
                () -> {
                    graph.removeInput(input[0]);
                    input[0].setType(old[0]);
                    created.hide();
                });
    }

    /// Removes a main-graph input that nothing reads. An input that is also an initializer stays an
    /// initializer (a constant callers can no longer override).
    ///
    /// @throws EditException when the value is no main-graph input, is read by a node (naming it) or is also
    ///                       a graph output
    public static Edit remove(Value input) throws EditException {
        var graph = input.graph();
        int index = graph.inputs().indexOf(input);
        if (index < 0 || graph.parent() != null) {
            throw new EditException("'" + input.name() + "' is not an input of the main graph");
        }
        if (!input.consumers().isEmpty()) {
            var first = input.consumers().getFirst();
            int more = input.consumers().size() - 1;
            throw new EditException("input '" + input.name() + "' is read by " + first.displayName()
                    + (more == 0 ? "" : " and " + more + " more") + "; reconnect or delete them first");
        }
        if (input.isGraphOutput()) {
            throw new EditException("input '" + input.name() + "' is also a graph output; remove it from the outputs first");
        }
        return new SimpleEdit("Remove graph input '" + input.name() + "'",
                () -> graph.removeInput(input),
                () -> {
                    var rest = new ArrayList<>(graph.inputs().subList(index, graph.inputs().size()));
                    rest.forEach(graph::removeInput);
                    graph.addInput(input);
                    rest.forEach(graph::addInput);
                });
    }

    /// Declares another element type for a main-graph tensor input, keeping its shape.
    ///
    /// @throws EditException when the value is no tensor input of the main graph, already has that type, or
    ///                       a node reading it does not accept the type (with the schema's reason: the type
    ///                       constraint, or another input bound to the same type parameter)
    public static Edit setElementType(Model model, Value input, ElementType elementType) throws EditException {
        if (!model.graph().inputs().contains(input)) {
            throw new EditException("'" + input.name() + "' is not an input of the main graph");
        }
        if (!(input.bestType() instanceof TypeInfo.TensorType tensor)) {
            throw new EditException("input '" + input.name() + "' is not a tensor (" + input.bestType() + ")");
        }
        if (elementType == null || elementType == ElementType.UNDEFINED) {
            throw new EditException("choose an element type for input '" + input.name() + "'");
        }
        if (tensor.elementType() == elementType) {
            throw new EditException("input '" + input.name() + "' already is " + elementType.onnxName());
        }
        for (var reader : input.consumers()) {
            checkReader(model, reader, input, elementType);
        }
        var declared = input.type() instanceof TypeInfo.TensorType t ? t : tensor;
        return ValueEdits.setType(input, new TypeInfo.TensorType(elementType, declared.shape(), declared.denotation()));
    }

    private static void checkReader(Model model, Node reader, Value input, ElementType elementType) throws EditException {
        var schema = SchemaSignature.of(model, reader);
        if (schema == null) {
            return;
        }
        var wanted = "tensor(" + elementType.onnxName() + ")";
        var bound = new HashMap<String, String>();
        for (int i = 0; i < reader.inputs().size(); i++) {
            var v = reader.input(i);
            if (v != null && v != input) {
                SchemaSignature.mismatch(schema, SchemaSignature.formal(schema.inputs(), i), SchemaSignature.typeString(v), bound);
            }
        }
        for (int i = 0; i < reader.inputs().size(); i++) {
            if (reader.input(i) == input) {
                var why = SchemaSignature.mismatch(schema, SchemaSignature.formal(schema.inputs(), i), wanted, bound);
                if (why != null) {
                    throw new EditException("input '" + input.name() + "' as " + elementType.onnxName() + " cannot feed "
                            + reader.displayName() + ": " + why);
                }
            }
        }
    }
}
