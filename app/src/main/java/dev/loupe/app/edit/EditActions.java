package dev.loupe.app.edit;

import dev.loupe.app.main.MainViewModel;
import dev.loupe.model.Function;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.Value;
import dev.loupe.model.edit.CompositeEdit;
import dev.loupe.model.edit.Edit;
import dev.loupe.model.edit.EditException;
import dev.loupe.model.edit.NodeEdits;
import dev.loupe.model.edit.ValueEdits;
import dev.loupe.model.transform.Cleanup;
import dev.loupe.model.transform.FunctionEdits;
import dev.loupe.model.transform.FunctionPlan;
import dev.loupe.model.transform.OpsetAdapters;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/// The edits of the Edit and Graph menus that need no background work: node and wiring edits on the
/// selection, functions made from the selection or inlined, and the quick whole-graph clean-ups.
///
/// Each action builds its [Edit] with the model layer and runs it through [MainViewModel#execute]. A refused
/// edit leaves the model unchanged, puts its one-line reason in the status line and returns `false`
/// (`null` for the planning methods). FX thread only.
public final class EditActions {

    private final MainViewModel main;

    public EditActions(MainViewModel main) {
        this.main = main;
    }

    /// Deletes the selected node; refused while another node reads its outputs.
    public boolean deleteSelected() {
        var node = requireNode("delete");
        return node != null && run("Cannot delete " + node.displayName(), () -> NodeEdits.delete(node));
    }

    /// Renames the selected node; returns whether it was renamed.
    public boolean renameSelected(String newName) {
        var node = requireNode("rename");
        if (node == null || newName == null || newName.isBlank() || newName.strip().equals(node.name())) {
            return false;
        }
        return main.execute(NodeEdits.rename(node, newName.strip()));
    }

    /// The selected node's attribute `name` as editable text, or `null` when there is none or it cannot be
    /// edited as text (tensors, graphs, references).
    public String attributeText(String name) {
        var node = Selection.node(main.diagram());
        return node == null ? null
                : node.attribute(name).filter(AttributeText::isEditable).map(AttributeText::format).orElse(null);
    }

    /// Sets the selected node's attribute `name` (of an int, float, string, ints or floats type) from `text`.
    /// An invalid value is refused with the reason in the status line and an error report.
    public boolean setAttribute(String name, String text) {
        var node = Selection.node(main.diagram());
        var model = model();
        if (node == null || model == null) {
            return false;
        }
        var current = node.attribute(name).orElse(null);
        if (current == null) {
            main.statusProperty().set(node.displayName() + " has no attribute '" + name + "'");
            return false;
        }
        try {
            return main.execute(NodeEdits.setAttribute(model, node, AttributeText.parse(current, text)));
        } catch (EditException e) {
            refuse("Cannot set '" + name + "'", e);
            main.report("Cannot set attribute '" + name + "'", e.getMessage());
            return false;
        }
    }

    /// Sets the selected node's tensor attribute `name` to the tensor in `file` (`.npy`, `.npz` with one
    /// array, or a `TensorProto` `.pb`), read in the background. Returns whether reading started.
    public boolean setTensorAttribute(String name, java.nio.file.Path file) {
        var node = requireNode("edit");
        var model = model();
        if (node == null) {
            return false;
        }
        return TensorFiles.readThen(main, file, null, "", data -> run("Cannot set '" + name + "'",
                () -> NodeEdits.setAttribute(model, node, dev.loupe.model.Attribute.ofTensor(name, data))));
    }

    /// Applies tensors edited in the viewer to the selected node's tensor attribute `name`; the editor returns
    /// the refusal's reason, or `null`.
    public dev.loupe.app.inspect.TensorViewModel.Editor tensorAttributeEditor(String name) {
        var node = Selection.node(main.diagram());
        var model = model();
        if (node == null || model == null) {
            return null;
        }
        return edited -> run("Cannot change '" + name + "'",
                () -> NodeEdits.setAttribute(model, node, dev.loupe.model.Attribute.ofTensor(name, edited)))
                ? null : main.statusProperty().get();
    }

    /// Deletes the selected node and every node that then computes nothing used.
    public boolean deleteWithDescendants() {
        var node = requireNode("delete");
        return node != null && run("Cannot delete " + node.displayName(), () -> NodeEdits.deleteWithDescendants(node));
    }

    /// Adds a copy of the selected node beside it (same inputs, fresh outputs nothing reads yet).
    public boolean duplicateSelected() {
        var node = requireNode("duplicate");
        return node != null && run("Cannot duplicate " + node.displayName(), () -> NodeEdits.duplicate(node));
    }

    /// Replaces the selected node's operator by `opType` of the same domain, keeping the inputs, outputs and
    /// attributes the new operator accepts.
    public boolean replaceSelectedOp(String opType) {
        var node = requireNode("replace");
        var model = model();
        return node != null && run("Cannot make " + node.displayName() + " a " + opType,
                () -> NodeEdits.replaceOpType(model, node, opType.strip(), node.domain()));
    }

    /// Makes each output of the selected node that is not yet a graph output into one.
    public boolean promoteOutputsToGraph() {
        var node = requireNode("promote");
        if (node == null) {
            return false;
        }
        return run("Cannot add graph outputs", () -> {
            var edits = new ArrayList<Edit>();
            for (var out : node.outputs()) {
                if (out != null && !out.isGraphOutput()) {
                    edits.add(ValueEdits.addGraphOutput(out));
                }
            }
            if (edits.isEmpty()) {
                throw new EditException("every output of " + node.displayName() + " is already a graph output");
            }
            return edits.size() == 1 ? edits.getFirst()
                    : new CompositeEdit("Add outputs of " + node.displayName() + " to the graph outputs", edits);
        });
    }

    /// Removes the selected graph output box's value from the graph outputs (the value stays computed).
    public boolean removeSelectedGraphOutput() {
        var item = main.diagram().selectedItemProperty().get();
        if (item == null || item.value() == null || !item.value().isGraphOutput()) {
            main.statusProperty().set("Select a graph output to remove");
            return false;
        }
        var value = item.value();
        return run("Cannot remove output '" + value.name() + "'", () -> ValueEdits.removeGraphOutput(value));
    }

    /// The values input `slot` of the selected node could be connected to without making a cycle: values of
    /// its graph not computed from the node, in graph order, its current input first.
    public List<String> connectableValues(int slot) {
        var node = Selection.node(main.diagram());
        if (node == null || slot < 0 || slot >= node.inputs().size()) {
            return List.of();
        }
        var downstream = downstreamOf(node);
        var names = new ArrayList<String>();
        var current = node.inputs().get(slot);
        if (current != null) {
            names.add(current.name());
        }
        var graph = node.graph();
        for (var v : graph.inputs()) {
            addIfNew(names, v);
        }
        for (var v : graph.initializers()) {
            addIfNew(names, v);
        }
        for (var n : graph.nodes()) {
            if (!downstream.contains(n)) {
                n.outputs().forEach(v -> addIfNew(names, v));
            }
        }
        return names;
    }

    /// Connects input `slot` of the selected node to the value named `valueName`.
    public boolean reconnect(int slot, String valueName) {
        var node = requireNode("reconnect");
        if (node == null) {
            return false;
        }
        return run("Cannot reconnect " + node.displayName(), () -> {
            var value = node.graph().resolve(valueName);
            if (value == null || !value.isDefined()) {
                throw new EditException("no value named '" + valueName + "'");
            }
            return ValueEdits.reconnect(node, slot, value);
        });
    }

    /// Rewires the input that edge `edge` of the current diagram feeds so that it reads box `box` instead:
    /// the first output of an operator, or the value of an input box (dragging an edge with Alt onto a box).
    public boolean reconnectEdge(int edge, int box) {
        var level = main.diagram().getLevel();
        if (level == null || model() == null) {
            return false;
        }
        var diagram = level.diagram();
        var e = diagram.edges().get(edge);
        var consumer = diagram.node(e.to());
        var source = diagram.node(box);
        return run("Cannot reconnect", () -> {
            if (consumer.kind() != dev.loupe.app.diagram.DiagramNode.Kind.OPERATOR || e.count() != 1) {
                throw new EditException("open the group to rewire the nodes inside it");
            }
            var node = consumer.node();
            int slot = node.inputs().indexOf(e.value());
            var value = switch (source.kind()) {
                case OPERATOR -> source.node().outputs().stream().filter(v -> v != null).findFirst().orElse(null);
                case INPUT, OUTER -> source.value();
                default -> null;
            };
            if (slot < 0 || value == null) {
                throw new EditException("drop the edge on a node or a graph input");
            }
            return ValueEdits.reconnect(node, slot, value);
        });
    }

    /// Renames value `oldName` of the current graph everywhere it is used.
    public boolean renameValue(String oldName, String newName) {
        var level = main.diagram().getLevel();
        if (level == null || newName == null || newName.isBlank() || newName.strip().equals(oldName)) {
            return false;
        }
        return run("Cannot rename '" + oldName + "'", () -> {
            var value = level.graph().resolve(oldName);
            if (value == null) {
                throw new EditException("no value named '" + oldName + "'");
            }
            return ValueEdits.rename(value, newName.strip());
        });
    }

    /// Analyses "make function" for the selected nodes: the function it would write and how many other
    /// places compute the same thing; `null` (with the reason in the status line) when it cannot be made.
    public FunctionPlan planFunction(String name, String domain) {
        var model = model();
        var nodes = Selection.nodes(main.diagram());
        if (model == null || nodes.isEmpty()) {
            main.statusProperty().set("Select nodes or a group to make a function of");
            return null;
        }
        try {
            return FunctionEdits.plan(model, nodes, name, domain);
        } catch (EditException e) {
            refuse("Cannot make function '" + name + "'", e);
            return null;
        }
    }

    /// Replaces the planned selection (and, with `replaceOthers`, every other occurrence) by calls.
    public boolean makeFunction(FunctionPlan plan, boolean replaceOthers) {
        return run("Cannot make the function", () -> plan.edit(replaceOthers));
    }

    /// Expands the selected call of a model-local function; the function goes when this was its last call.
    public boolean inlineSelected() {
        var node = requireNode("inline");
        var model = model();
        return node != null && run("Cannot inline " + node.displayName(), () -> FunctionEdits.inline(model, node, true));
    }

    /// Expands every call of `fn` and removes it.
    public boolean inlineAll(Function fn) {
        var model = model();
        return model != null && run("Cannot inline " + fn.name(), () -> FunctionEdits.inlineAll(model, fn, true));
    }

    /// Inlines every local function everywhere and removes them all.
    public boolean flatten() {
        var model = model();
        return model != null && run("Cannot flatten the model", () -> FunctionEdits.flatten(model));
    }

    /// Removes nodes whose results nothing uses and initializers nothing reads.
    public boolean removeDeadCode() {
        var model = model();
        return model != null && run("Nothing removed", () -> Cleanup.removeDeadCode(model));
    }

    /// Puts the main graph's nodes in a topological order.
    public boolean sortTopologically() {
        var model = model();
        return model != null && run("Cannot sort the graph", () -> Cleanup.sortTopologically(model));
    }

    /// What upgrading the model to `ai.onnx` opset 13 would change, or `null` (reason in the status line).
    public OpsetAdapters.Plan planUpgrade() {
        var model = model();
        if (model == null) {
            return null;
        }
        try {
            return OpsetAdapters.plan(model, OpsetAdapters.TARGET);
        } catch (EditException e) {
            refuse("Cannot upgrade to opset " + OpsetAdapters.TARGET, e);
            return null;
        }
    }

    /// Applies a planned opset upgrade.
    public boolean upgrade(OpsetAdapters.Plan plan) {
        return run("Cannot upgrade", plan::edit);
    }

    /// Runs the edit `build` makes; a refusal goes to the status line prefixed with `failure`.
    boolean run(String failure, EditSupplier build) {
        if (model() == null) {
            return false;
        }
        try {
            return main.execute(build.get());
        } catch (EditException e) {
            refuse(failure, e);
            return false;
        }
    }

    private void refuse(String failure, EditException e) {
        main.statusProperty().set(failure + ": " + e.getMessage());
    }

    private Node requireNode(String verb) {
        var node = Selection.node(main.diagram());
        if (node == null || model() == null) {
            main.statusProperty().set(Selection.refusal(main.diagram(), verb));
        }
        return model() == null ? null : node;
    }

    private Model model() {
        var doc = main.getDocument();
        return doc == null ? null : doc.model();
    }

    private static void addIfNew(List<String> names, Value v) {
        if (v != null && !v.name().isEmpty() && !names.contains(v.name())) {
            names.add(v.name());
        }
    }

    /// `node` and every node that reads, directly or not, one of its outputs.
    private static Set<Node> downstreamOf(Node node) {
        var seen = Collections.newSetFromMap(new IdentityHashMap<Node, Boolean>());
        var work = new ArrayDeque<Node>();
        work.add(node);
        while (!work.isEmpty()) {
            var n = work.poll();
            if (seen.add(n)) {
                for (var out : n.outputs()) {
                    if (out != null) {
                        work.addAll(out.consumers());
                    }
                }
            }
        }
        return seen;
    }

    /// Builds an edit, or says why it cannot be made.
    @FunctionalInterface
    interface EditSupplier {
        Edit get() throws EditException;
    }
}
