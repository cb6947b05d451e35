package dev.loupe.model.edit;

import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeType;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.OpsetId;
import dev.loupe.model.Value;
import dev.loupe.model.schema.FormalParameter;
import dev.loupe.model.schema.OpSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// Plans [NodeEdits#replaceOpType]: which inputs, outputs and attributes of a node the new operator keeps.
///
/// The node is replaced by a new node object at the same place in the graph (same name, doc string and
/// metadata), reading and producing the same value objects, so that undo puts the very same old node back.
final class OpReplacement {

    private final Node node;
    private final String opType;
    private final String domain;
    private final OpSchema schema;
    private final List<Value> inputs = new ArrayList<>();
    private final List<Value> outputs = new ArrayList<>();
    private final List<String> newOutputs = new ArrayList<>();
    private final Map<String, Attribute> attributes = new LinkedHashMap<>();
    private final List<String> dropped = new ArrayList<>();
    private final Map<String, String> bound = new HashMap<>();

    private OpReplacement(Node node, String opType, String domain, OpSchema schema) {
        this.node = node;
        this.opType = opType;
        this.domain = domain;
        this.schema = schema;
    }

    static Edit plan(Model model, Node node, String opType, String domain, List<Attribute> given) throws EditException {
        var canonical = OpsetId.canonicalDomain(domain);
        if (node.opType().equals(opType) && node.canonicalDomain().equals(canonical)) {
            throw new EditException(node.displayName() + " already is " + opType);
        }
        var version = model.opsetVersion(canonical)
                .orElseThrow(() -> new EditException("the model does not import domain '" + displayDomain(canonical) + "'"));
        var schema = SchemaSignature.find(model, canonical, opType);
        if (schema == null) {
            throw new EditException("'" + opType + "' is not an operator of " + displayDomain(canonical) + " at opset " + version);
        }
        if (!node.subgraphs().isEmpty()) {
            throw new EditException(node.displayName() + " holds subgraphs; replacing its operator would drop them");
        }
        var plan = new OpReplacement(node, opType, domain, schema);
        plan.keepInputs();
        plan.keepOutputs();
        plan.keepAttributes(given);
        return plan.edit();
    }

    private static String displayDomain(String canonical) {
        return canonical.isEmpty() ? "ai.onnx" : canonical;
    }

    private void keepInputs() throws EditException {
        int max = schema.inputArity().max();
        for (int i = 0; i < node.inputs().size(); i++) {
            var v = node.input(i);
            if (i >= max) {
                if (v != null) {
                    dropped.add("input " + i + " '" + v.name() + "'");
                }
                continue;
            }
            var formal = SchemaSignature.formal(schema.inputs(), i);
            var why = SchemaSignature.mismatch(schema, formal, SchemaSignature.typeString(v), bound);
            if (why != null && formal.option() == FormalParameter.Option.OPTIONAL) {
                dropped.add("input " + i + " '" + v.name() + "'");
                v = null;
            } else if (why != null) {
                throw new EditException("input " + i + " '" + v.name() + "' of " + node.displayName() + " is "
                        + SchemaSignature.typeString(v) + " but " + why);
            }
            inputs.add(v);
        }
        while (!inputs.isEmpty() && inputs.getLast() == null) {
            inputs.removeLast();
        }
        if (inputs.size() < schema.inputArity().min()) {
            throw new EditException(schema + " takes " + schema.inputArity() + " inputs; " + node.displayName()
                    + " gives " + inputs.size());
        }
        for (int i = 0; i < inputs.size(); i++) {
            var formal = SchemaSignature.formal(schema.inputs(), i);
            if (inputs.get(i) == null && formal != null && formal.option() == FormalParameter.Option.SINGLE) {
                throw new EditException("input " + i + " ('" + formal.name() + "') of " + schema + " is required, but "
                        + node.displayName() + " leaves it empty");
            }
        }
    }

    private void keepOutputs() throws EditException {
        int max = schema.outputArity().max();
        for (int j = 0; j < node.outputs().size(); j++) {
            var v = node.output(j);
            if (j >= max) {
                if (v != null && (v.isGraphOutput() || !v.consumers().isEmpty())) {
                    throw new EditException("output " + j + " '" + v.name() + "' of " + node.displayName() + " is "
                            + (v.isGraphOutput() ? "a graph output" : "read by " + v.consumers().getFirst().displayName())
                            + ", but " + schema + " has " + schema.outputArity() + " output(s)");
                }
                if (v != null) {
                    dropped.add("output " + j + " '" + v.name() + "'");
                }
                continue;
            }
            if (v != null && (v.isGraphOutput() || !v.consumers().isEmpty() || v.type() != null)) {
                checkOutputType(j, v);
            }
            outputs.add(v);
        }
        while (!outputs.isEmpty() && outputs.getLast() == null) {
            outputs.removeLast();
        }
        var base = node.output(0) != null ? node.output(0).name() : node.name() != null ? node.name() : opType;
        for (int j = outputs.size(); j < schema.outputArity().min(); j++) {
            newOutputs.add(ScopeNames.freshValue(node.graph(), base + "_" + j));
        }
    }

    /// Refuses when output `j` would change type under the new operator while something relies on it.
    private void checkOutputType(int j, Value v) throws EditException {
        var actual = SchemaSignature.typeString(v);
        var formal = SchemaSignature.formal(schema.outputs(), j);
        if (actual == null || formal == null) {
            return;
        }
        var typeStr = formal.typeStr();
        String produced = typeStr.indexOf('(') >= 0 ? typeStr : bound.get(typeStr);
        var constraint = schema.typeConstraint(typeStr).orElse(null);
        if (produced == null && constraint != null && !constraint.allows(actual)) {
            produced = String.join(" or ", constraint.allowedTypes());
        }
        if (produced != null && !produced.equals(actual)) {
            throw new EditException("output " + j + " '" + v.name() + "' of " + node.displayName() + " is " + actual
                    + " but " + schema + " would make it " + produced);
        }
    }

    private void keepAttributes(List<Attribute> given) throws EditException {
        for (var a : node.attributes().values()) {
            var spec = schema.attribute(a.name()).orElse(null);
            if (spec != null && (spec.type() == a.type() || spec.type() == AttributeType.UNDEFINED)) {
                attributes.put(a.name(), a);
            } else {
                dropped.add("attribute '" + a.name() + "'");
            }
        }
        for (var a : given) {
            var why = NodeEdits.attributeProblem(schema, a);
            if (why != null) {
                throw new EditException(why);
            }
            dropped.remove("attribute '" + a.name() + "'");
            attributes.put(a.name(), a);
        }
        for (var spec : schema.attributes()) {
            if (spec.required() && !attributes.containsKey(spec.name())) {
                throw new EditException(schema + " requires attribute '" + spec.name() + "' (" + spec.type()
                        + "), which " + node.displayName() + " does not have: give its value");
            }
        }
    }

    private Edit edit() {
        var graph = node.graph();
        var created = new ScopeNames.Created(graph);
        Node[] replacement = {null};
        int[] index = {-1};
        var description = "Replace " + node.opType() + " " + node.displayName() + " by " + opType
                + (dropped.isEmpty() ? "" : " (dropping " + String.join(", ", dropped) + ")");
        return new SimpleEdit(description,
                () -> {
                    index[0] = graph.detachNode(node);
                    if (replacement[0] == null) {
                        replacement[0] = build(index[0], created);
                    } else {
                        created.restore();
                        graph.restoreNode(replacement[0], index[0]);
                    }
                },
                () -> {
                    graph.detachNode(replacement[0]);
                    created.hide();
                    graph.restoreNode(node, index[0]);
                });
    }

    private Node build(int index, ScopeNames.Created created) {
        var n = node.graph().insertNode(index, node.name(), opType, domain);
        inputs.forEach(n::addInput);
        outputs.forEach(n::addOutput);
        newOutputs.forEach(name -> n.addOutput(created.create(name)));
        attributes.values().forEach(n::setAttribute);
        n.setDocString(node.docString());
        n.setMetadataProps(node.metadataProps());
        return n;
    }
}
