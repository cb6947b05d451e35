package dev.loupe.app.edit;

import dev.loupe.app.inspect.TensorViewModel;
import dev.loupe.app.main.MainViewModel;
import dev.loupe.model.ElementType;
import dev.loupe.model.Model;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;
import dev.loupe.model.Node;
import dev.loupe.model.edit.CompositeEdit;
import dev.loupe.model.edit.Edit;
import dev.loupe.model.edit.EditException;
import dev.loupe.model.edit.GraphInputEdits;
import dev.loupe.model.edit.ValueEdits;
import dev.loupe.model.transform.ShapeEdits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/// The edits of graph inputs, initializers and constants: add, remove and retype inputs, set their shape
/// (fixed or symbolic dimensions), Constant node ↔ initializer, and replacing a weight from a `.npy`/`.pb`
/// file. Refusals go to the status line, as in [EditActions]. FX thread only.
public final class ValueActions {

    private final MainViewModel main;
    private final EditActions edits;

    public ValueActions(MainViewModel main, EditActions edits) {
        this.main = main;
        this.edits = edits;
    }

    /// The main graph's inputs that are not initializers, by name.
    public List<String> graphInputs() {
        var model = model();
        return model == null ? List.of()
                : model.graph().inputs().stream().filter(v -> !v.isInitializer()).map(Value::name).toList();
    }

    /// The constant inputs (initializers) the selected node reads, by name.
    public List<String> initializersOfSelection() {
        var node = Selection.node(main.diagram());
        return node == null ? List.of()
                : node.inputs().stream().filter(v -> v != null && v.isInitializer()).map(Value::name).distinct().toList();
    }

    /// Adds a main-graph input `name` of element type `type` (an ONNX name such as `float`) and shape `dims`
    /// (comma-separated sizes and symbols, `?` for unknown).
    public boolean addInput(String name, String type, String dims) {
        var model = model();
        return model != null && edits.run("Cannot add input '" + name + "'", () -> {
            var elementType = elementType(type);
            return GraphInputEdits.add(model, name, new TypeInfo.TensorType(elementType, ShapeEdits.parseDims(name, dims), null));
        });
    }

    /// Removes graph input `name`; refused while a node reads it.
    public boolean removeInput(String name) {
        var model = model();
        return model != null && edits.run("Cannot remove input '" + name + "'", () -> GraphInputEdits.remove(input(model, name)));
    }

    /// Sets graph input `name`'s element type (an ONNX name such as `float16`).
    public boolean setInputType(String name, String type) {
        var model = model();
        return model != null && edits.run("Cannot change the type of '" + name + "'",
                () -> GraphInputEdits.setElementType(model, input(model, name), elementType(type)));
    }

    /// Sets graph input `name`'s shape from `dims` (e.g. `batch,3,224,224`: a symbol makes a dimension dynamic).
    public boolean setInputShape(String name, String dims) {
        var model = model();
        return model != null && edits.run("Cannot set the shape of '" + name + "'",
                () -> ShapeEdits.setInputShape(model, input(model, name), ShapeEdits.parseDims(name, dims)));
    }

    /// Turns the selected `Constant` node, or the `Constant` nodes feeding the selected node (the diagram
    /// draws those inside their consumer), into initializers of their outputs.
    public boolean constantToInitializer() {
        var node = Selection.node(main.diagram());
        var model = model();
        if (node == null || model == null) {
            main.statusProperty().set("Select a Constant node or a node reading one");
            return false;
        }
        var constants = isConstant(node) ? List.of(node) : node.inputs().stream()
                .filter(v -> v != null && v.producer() != null && isConstant(v.producer())).map(Value::producer).distinct().toList();
        return edits.run("Cannot turn constants of " + node.displayName() + " into initializers", () -> {
            if (constants.isEmpty()) {
                throw new EditException(node.displayName() + " reads no Constant node");
            }
            var parts = new ArrayList<Edit>();
            for (var c : constants) {
                parts.add(ValueEdits.constantToInitializer(model, c));
            }
            return parts.size() == 1 ? parts.getFirst() : new CompositeEdit("Make " + parts.size() + " Constant nodes initializers", parts);
        });
    }

    private static boolean isConstant(Node node) {
        return "Constant".equals(node.opType()) && node.canonicalDomain().isEmpty();
    }

    /// Turns initializer `name` (of the current graph) into a `Constant` node.
    public boolean initializerToConstant(String name) {
        var level = main.diagram().getLevel();
        return level != null && edits.run("Cannot turn '" + name + "' into a Constant node", () -> {
            var value = level.graph().resolve(name);
            if (value == null) {
                throw new EditException("no value named '" + name + "'");
            }
            return ValueEdits.initializerToConstant(value);
        });
    }

    /// Replaces initializer `name`'s constant by the tensor in `file` (`.npy`, `.npz` with one array, or a
    /// `TensorProto` `.pb`), read in the background. The element type must stay the same; the shape may
    /// change (the status says so). Returns whether reading started; the outcome is in the status line.
    public boolean replaceInitializer(String name, Path file) {
        var level = main.diagram().getLevel();
        if (level == null) {
            return false;
        }
        var value = level.graph().resolve(name);
        if (value == null || !value.isInitializer()) {
            main.statusProperty().set("'" + name + "' is not an initializer");
            return false;
        }
        return TensorFiles.readThen(main, file, value.bestType(), name, data -> {
            var old = value.initializer();
            if (data.elementType() != old.elementType()) {
                main.statusProperty().set("Cannot replace '" + name + "': it holds " + old.elementType().onnxName() + " but "
                        + file.getFileName() + " holds " + data.elementType().onnxName());
                return;
            }
            boolean done = edits.run("Cannot replace '" + name + "'", () -> ValueEdits.replaceInitializer(value, data));
            if (done && !Arrays.equals(old.dims(), data.dims())) {
                main.statusProperty().set("Replaced '" + name + "': shape " + Arrays.toString(old.dims()) + " → "
                        + Arrays.toString(data.dims()));
            }
        });
    }

    /// Applies tensors edited in the viewer to initializer `name` of the current graph, each as one undoable
    /// replacement; the editor returns the refusal's reason, or `null`.
    public TensorViewModel.Editor initializerEditor(String name) {
        var level = main.diagram().getLevel();
        var value = level == null ? null : level.graph().resolve(name);
        if (value == null || !value.isInitializer()) {
            return null;
        }
        return edited -> edits.run("Cannot change '" + name + "'", () -> ValueEdits.replaceInitializer(value, edited))
                ? null : main.statusProperty().get();
    }

    private static Value input(Model model, String name) throws EditException {
        return model.graph().inputs().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new EditException("the graph has no input '" + name + "'"));
    }

    private static ElementType elementType(String onnxName) throws EditException {
        for (var t : ElementType.values()) {
            if (t != ElementType.UNDEFINED && t.onnxName().equalsIgnoreCase(onnxName.strip())) {
                return t;
            }
        }
        throw new EditException("'" + onnxName + "' is not an ONNX element type (float, float16, int64...)");
    }

    private Model model() {
        var doc = main.getDocument();
        return doc == null ? null : doc.model();
    }
}
