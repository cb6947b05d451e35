package dev.loupe.model.edit;

import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeType;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.OpsetId;
import dev.loupe.model.Value;
import dev.loupe.model.schema.AttributeSpec;
import dev.loupe.model.schema.FormalParameter;
import dev.loupe.model.schema.OpSchema;
import dev.loupe.model.schema.OpSchemas;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;

/// Edits of nodes and their attributes. Each factory checks the edit against the model as it is now.
public final class NodeEdits {

    private NodeEdits() {
    }

    /// Sets (adds or replaces) an attribute. Refused, with the schema's reason, when the operator's schema
    /// declares the attribute with another type or does not declare it at all (for standard operators), when a
    /// call of a local function gets an attribute the function does not take, when the attribute has no value,
    /// or when it refers to a function attribute outside a function body.
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

    /// [#add(Graph, String, String, String, List, List, List)] checked against the operator's schema first,
    /// for a standard domain (`ai.onnx`, `ai.onnx.ml`...): the model must import the domain and the operator
    /// must exist at that version; the input and output counts must fit its arity, required inputs must be
    /// given, input types must fit its type constraints, and the attributes must be declared with their
    /// types, required ones included. Operators of other domains are added unchecked.
    public static Edit add(Model model, Graph graph, String name, String opType, String domain, List<Value> inputs,
                           List<String> outputNames, List<Attribute> attributes) throws EditException {
        var canonical = OpsetId.canonicalDomain(domain);
        if (OpSchemas.standard().domains().contains(canonical)) {
            var version = model.opsetVersion(canonical).orElseThrow(() -> new EditException(
                    "the model does not import domain '" + (canonical.isEmpty() ? "ai.onnx" : canonical) + "'"));
            var schema = SchemaSignature.find(model, canonical, opType);
            if (schema == null) {
                throw new EditException("'" + opType + "' is not an operator of "
                        + (canonical.isEmpty() ? "ai.onnx" : canonical) + " at opset " + version);
            }
            checkSignature(schema, inputs, outputNames.size(), attributes);
        }
        return add(graph, name, opType, domain, inputs, outputNames, attributes);
    }

    private static void checkSignature(OpSchema schema, List<Value> inputs, int outputs, List<Attribute> attributes)
            throws EditException {
        if (!schema.inputArity().allows(inputs.size())) {
            throw new EditException(schema + " takes " + schema.inputArity() + " inputs, not " + inputs.size());
        }
        if (!schema.outputArity().allows(outputs)) {
            throw new EditException(schema + " produces " + schema.outputArity() + " outputs, not " + outputs);
        }
        var bound = new HashMap<String, String>();
        for (int i = 0; i < inputs.size(); i++) {
            var formal = SchemaSignature.formal(schema.inputs(), i);
            var v = inputs.get(i);
            if (v == null && formal != null && formal.option() == FormalParameter.Option.SINGLE) {
                throw new EditException("input " + i + " ('" + formal.name() + "') of " + schema + " is required");
            }
            var why = SchemaSignature.mismatch(schema, formal, SchemaSignature.typeString(v), bound);
            if (why != null) {
                throw new EditException("input " + i + " '" + v.name() + "' is " + SchemaSignature.typeString(v) + " but " + why);
            }
        }
        for (var a : attributes) {
            var why = attributeProblem(schema, a);
            if (why != null) {
                throw new EditException(why);
            }
        }
        for (var spec : schema.attributes()) {
            if (spec.required() && attributes.stream().noneMatch(a -> a.name().equals(spec.name()))) {
                throw new EditException(schema + " requires attribute '" + spec.name() + "' (" + spec.type() + ")");
            }
        }
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
        var values = new ScopeNames.Created(graph);
        return new SimpleEdit("Add " + opType + (name == null ? "" : " '" + name + "'"),
                () -> {
                    if (created[0] == null) {
                        int at = insertionIndex(graph, inputs);
                        var node = graph.insertNode(at, name, opType, domain);
                        inputs.forEach(node::addInput);
                        outputNames.forEach(o -> node.addOutput(values.create(o)));
                        attributes.forEach(node::setAttribute);
                        created[0] = node;
                    } else {
                        values.restore();
                        graph.restoreNode(created[0], insertionIndex(graph, inputs));
                    }
                },
                () -> {
                    graph.detachNode(created[0]);
                    values.hide();
                });
    }

    /// Replaces `node` by a node of operator `opType` in `domain` (`null` or `""` for `ai.onnx`) at the
    /// version the model imports, reading and producing the same values. Inputs the new schema accepts are
    /// kept, by position; an input beyond its arity, or an optional one whose type it does not allow, is
    /// dropped. Outputs beyond its arity are dropped when nothing uses them, and missing required outputs get
    /// fresh values. Attributes it declares with the same type are kept, the others dropped; `given`
    /// attributes are set on top (each checked against the schema). The description lists what was dropped.
    ///
    /// The node is replaced by a new [Node] object in the same place (same name): callers holding the node
    /// should look it up again after the edit. Undo puts the original object back.
    ///
    /// @throws EditException when the model does not import `domain` or the operator is unknown there; when a
    ///                       required input would be missing or has a type the schema does not allow (or
    ///                       that conflicts with another input of the same type parameter); when an output
    ///                       the new operator lacks is used or is a graph output, or a used output would
    ///                       change type; when a required attribute has no value; when the node holds
    ///                       subgraphs
    public static Edit replaceOpType(Model model, Node node, String opType, String domain, List<Attribute> given)
            throws EditException {
        return OpReplacement.plan(model, node, opType, domain, given);
    }

    /// [#replaceOpType(Model, Node, String, String, List)] with no attributes given.
    public static Edit replaceOpType(Model model, Node node, String opType, String domain) throws EditException {
        return replaceOpType(model, node, opType, domain, List.of());
    }

    /// The attributes operator `opType` of `domain` (at the version `model` imports) requires, which
    /// [#replaceOpType(Model, Node, String, String, List)] needs given when the node lacks them: ask for
    /// these before replacing. Empty when the operator requires none or is unknown.
    public static List<AttributeSpec> requiredAttributes(Model model, String opType, String domain) {
        var schema = SchemaSignature.find(model, OpsetId.canonicalDomain(domain), opType);
        return schema == null ? List.of() : schema.attributes().stream().filter(AttributeSpec::required).toList();
    }

    /// Adds a copy of `node` right after it: same operator, inputs and attributes, a fresh node name
    /// (`NAME_copy`, `NAME_copy_1`...) and fresh output values (`OUT_copy`...) that nothing reads yet, so the
    /// copy is a parallel branch. Reconnect consumers to its outputs to split a shared node.
    ///
    /// @throws EditException when the node holds subgraphs (`If`, `Loop`, `Scan`), which are not copied
    public static Edit duplicate(Node node) throws EditException {
        if (!node.subgraphs().isEmpty()) {
            throw new EditException(node.displayName() + " holds subgraphs; duplicating them is not supported");
        }
        var graph = node.graph();
        var base = node.name() == null || node.name().isEmpty() ? node.opType() : node.name();
        var name = ScopeNames.freshNode(graph, base + "_copy");
        var outputNames = new ArrayList<String>();
        var taken = new HashSet<String>();
        for (var out : node.outputs()) {
            if (out == null) {
                outputNames.add(null);
                continue;
            }
            var fresh = ScopeNames.freshValue(graph, out.name() + "_copy");
            for (int k = 1; !taken.add(fresh); k++) {
                fresh = ScopeNames.freshValue(graph, out.name() + "_copy_" + k);
            }
            outputNames.add(fresh);
        }
        Node[] copy = {null};
        var values = new ScopeNames.Created(graph);
        return new SimpleEdit("Duplicate " + node.displayName() + " as '" + name + "'",
                () -> {
                    int at = graph.nodes().indexOf(node) + 1;
                    if (copy[0] == null) {
                        var n = graph.insertNode(at, name, node.opType(), node.domain());
                        node.inputs().forEach(n::addInput);
                        outputNames.forEach(o -> n.addOutput(o == null ? null : values.create(o)));
                        node.attributes().values().forEach(n::setAttribute);
                        n.setOverload(node.overload());
                        n.setDocString(node.docString());
                        n.setMetadataProps(node.metadataProps());
                        copy[0] = n;
                    } else {
                        values.restore();
                        graph.restoreNode(copy[0], at);
                    }
                },
                () -> {
                    graph.detachNode(copy[0]);
                    values.hide();
                });
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
        if (attribute.isReference() && model.functions().stream().noneMatch(f -> f.body() == node.graph())) {
            throw new EditException("attribute '" + attribute.name() + "' refers to function attribute '"
                    + attribute.refAttrName() + "', but " + node.displayName() + " is not in a function body");
        }
        var function = model.functionFor(node);
        if (function.isPresent()) {
            var fn = function.get();
            var known = new ArrayList<>(fn.attributeNames());
            fn.attributeDefaults().forEach(a -> known.add(a.name()));
            if (!known.contains(attribute.name())) {
                throw new EditException("function " + fn.name() + " has no attribute '" + attribute.name() + "' (it takes "
                        + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
            }
            return;
        }
        var schema = SchemaSignature.of(model, node);
        var why = schema == null ? null : attributeProblem(schema, attribute);
        if (why != null) {
            throw new EditException(why);
        }
    }

    /// Why `schema` refuses `attribute` (an unknown name, another type, no value at all), or `null`.
    static String attributeProblem(OpSchema schema, Attribute attribute) {
        var spec = schema.attribute(attribute.name()).orElse(null);
        if (spec == null) {
            var known = schema.attributes().stream().map(AttributeSpec::name).toList();
            return schema.name() + " has no attribute '" + attribute.name() + "' (" + schema + " takes "
                    + (known.isEmpty() ? "none" : String.join(", ", known)) + ")";
        }
        var type = attribute.isReference() && attribute.declaredType() != null ? attribute.declaredType() : attribute.type();
        if (type == AttributeType.UNDEFINED) {
            return "attribute '" + attribute.name() + "' of " + schema.name() + " has no value: expected " + spec.type();
        }
        if (spec.type() != type && spec.type() != AttributeType.UNDEFINED) {
            return "attribute '" + attribute.name() + "' of " + schema.name() + " takes " + spec.type() + ", not " + type;
        }
        return null;
    }

    private static AttributeSpec schemaAttribute(Model model, Node node, String name) {
        var schema = SchemaSignature.of(model, node);
        return schema == null ? null : schema.attribute(name).orElse(null);
    }
}
