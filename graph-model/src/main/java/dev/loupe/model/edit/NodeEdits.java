package dev.loupe.model.edit;

import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeType;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.Value;
import dev.loupe.model.schema.OpSchemas;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/// Edits of nodes and their attributes. Each factory checks the edit against the model as it is now.
public final class NodeEdits {

    private NodeEdits() {
    }

    /// Sets (adds or replaces) an attribute. Refused when the operator's schema declares the attribute with
    /// another type, or does not know it (for standard operators).
    public static Edit setAttribute(Model model, Node node, Attribute attribute) throws EditException {
        checkAttribute(model, node, attribute);
        var previous = node.attribute(attribute.name()).orElse(null);
        return new SimpleEdit("Set attribute '" + attribute.name() + "' of " + node.displayName(),
                () -> node.setAttribute(attribute),
                () -> {
                    if (previous == null) {
                        node.removeAttribute(attribute.name());
                    } else {
                        node.setAttribute(previous);
                    }
                });
    }

    /// Removes an attribute; refused when the schema says it is required.
    public static Edit removeAttribute(Model model, Node node, String name) throws EditException {
        var previous = node.attribute(name).orElseThrow(() -> new EditException(node + " has no attribute '" + name + "'"));
        var spec = schemaAttribute(model, node, name);
        if (spec != null && spec.required()) {
            throw new EditException("attribute '" + name + "' is required by " + node.opType());
        }
        return new SimpleEdit("Remove attribute '" + name + "' of " + node.displayName(),
                () -> node.removeAttribute(name), () -> node.setAttribute(previous));
    }

    public static Edit rename(Node node, String newName) {
        var old = node.name();
        return new SimpleEdit("Rename node '" + node.displayName() + "' to '" + newName + "'",
                () -> node.setName(newName), () -> node.setName(old));
    }

    /// Deletes a node whose outputs nothing uses. Refused when an output is read by another node or is a
    /// graph output: say what replaces it first (reconnect), or delete the descendants too.
    public static Edit delete(Node node) throws EditException {
        for (var out : node.outputs()) {
            if (out == null) {
                continue;
            }
            if (out.isGraphOutput()) {
                throw new EditException("output '" + out.name() + "' of " + node.displayName()
                        + " is a graph output; remove it from the outputs or connect them to another value first");
            }
            if (!out.consumers().isEmpty()) {
                throw new EditException("output '" + out.name() + "' of " + node.displayName() + " is used by "
                        + out.consumers().size() + " node(s); reconnect them or delete them too");
            }
        }
        return detach(node);
    }

    /// Deletes a node and every node downstream of it. Refused when one of them produces a graph output.
    public static Edit deleteWithDescendants(Node node) throws EditException {
        var doomed = descendants(node);
        for (var n : doomed) {
            for (var out : n.outputs()) {
                if (out != null && out.isGraphOutput()) {
                    throw new EditException("deleting " + node.displayName() + " would remove graph output '" + out.name() + "'");
                }
            }
        }
        var parts = new ArrayList<Edit>();
        var order = new ArrayList<>(doomed);
        java.util.Collections.reverse(order);
        for (var n : order) {
            parts.add(detach(n));
        }
        return new CompositeEdit("Delete " + node.displayName() + " and " + (doomed.size() - 1) + " node(s) after it", parts);
    }

    /// The node and all nodes reachable from its outputs in the same graph, in breadth-first order.
    static LinkedHashSet<Node> descendants(Node node) {
        var seen = new LinkedHashSet<Node>();
        var queue = new ArrayDeque<Node>();
        queue.add(node);
        while (!queue.isEmpty()) {
            var n = queue.poll();
            if (!seen.add(n)) {
                continue;
            }
            for (var out : n.outputs()) {
                if (out != null) {
                    for (var c : out.consumers()) {
                        if (c.graph() == node.graph()) {
                            queue.add(c);
                        }
                    }
                }
            }
        }
        return seen;
    }

    private static Edit detach(Node node) {
        var graph = node.graph();
        int[] index = {-1};
        return new SimpleEdit("Delete " + node.displayName(),
                () -> index[0] = graph.detachNode(node),
                () -> graph.restoreNode(node, index[0]));
    }

    /// Adds a node computing `opType` from `inputs` into new values named `outputNames`, appended after the
    /// last producer of its inputs.
    public static Edit add(Graph graph, String name, String opType, String domain, List<Value> inputs,
                           List<String> outputNames, List<Attribute> attributes) throws EditException {
        for (var out : outputNames) {
            var existing = graph.resolve(out);
            if (existing != null && existing.isDefined()) {
                throw new EditException("a value named '" + out + "' already exists");
            }
        }
        Node[] created = {null};
        return new SimpleEdit("Add " + opType + (name == null ? "" : " '" + name + "'"),
                () -> {
                    if (created[0] == null) {
                        int at = insertionIndex(graph, inputs);
                        var node = graph.insertNode(at, name, opType, domain);
                        inputs.forEach(node::addInput);
                        outputNames.forEach(o -> node.addOutput(graph.valueOrCreate(o)));
                        attributes.forEach(node::setAttribute);
                        created[0] = node;
                    } else {
                        graph.restoreNode(created[0], insertionIndex(graph, inputs));
                    }
                },
                () -> graph.detachNode(created[0]));
    }

    private static int insertionIndex(Graph graph, List<Value> inputs) {
        int at = 0;
        var nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            for (var v : inputs) {
                if (v != null && v.producer() == nodes.get(i)) {
                    at = i + 1;
                }
            }
        }
        return at;
    }

    private static void checkAttribute(Model model, Node node, Attribute attribute) throws EditException {
        var schema = schemaFor(model, node);
        if (schema == null) {
            return;
        }
        var spec = schema.attributes().stream().filter(a -> a.name().equals(attribute.name())).findFirst().orElse(null);
        if (spec == null) {
            throw new EditException(node.opType() + " has no attribute '" + attribute.name() + "'");
        }
        if (spec.type() != attribute.type() && spec.type() != AttributeType.UNDEFINED) {
            throw new EditException("attribute '" + attribute.name() + "' of " + node.opType() + " takes " + spec.type()
                    + ", not " + attribute.type());
        }
    }

    private static dev.loupe.model.schema.AttributeSpec schemaAttribute(Model model, Node node, String name) {
        var schema = schemaFor(model, node);
        return schema == null ? null
                : schema.attributes().stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
    }

    private static dev.loupe.model.schema.OpSchema schemaFor(Model model, Node node) {
        var version = model.opsetVersion(node.canonicalDomain());
        if (version.isEmpty()) {
            return null;
        }
        return OpSchemas.standard().find(node.canonicalDomain(), node.opType(), version.get()).orElse(null);
    }
}
