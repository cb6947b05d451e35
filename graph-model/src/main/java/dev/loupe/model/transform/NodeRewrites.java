package dev.loupe.model.transform;

import dev.loupe.model.Attribute;
import dev.loupe.model.Node;
import dev.loupe.model.TensorData;
import dev.loupe.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/// Node rewrites for the opset adapters. They replace nodes (never modify them), as a [SnapshotEdit]'s
/// change must; new values get fresh names, taken from and added to `taken`.
final class NodeRewrites {

    private NodeRewrites() {
    }

    /// Replaces `n` by the same operator reading its INTS attribute `attribute` as an `int64` initializer
    /// appended to its inputs.
    static void attributeToInput(Node n, String attribute, Set<String> taken) {
        var g = n.graph();
        var values = n.intsAttr(attribute);
        var constant = g.valueOrCreate(Scopes.fresh(baseName(n) + "_" + attribute, taken));
        g.setInitializer(constant, TensorData.ofLongs(constant.name(), new long[] {values.length}, values));
        var inputs = new ArrayList<>(n.inputs());
        inputs.add(constant);
        var attributes = n.attributes().values().stream().filter(a -> !a.name().equals(attribute)).toList();
        replace(n, inputs, attributes);
    }

    /// Gives a `Softmax`-like node the opset-13 meaning of its opset-12 self: `axis = -1` when `axis` was
    /// already the last axis, else `Flatten(axis) → op(axis = -1) → Reshape` back to the input's shape.
    static void singleAxis(Node n, boolean lastAxis, Set<String> taken) {
        var attributes = new ArrayList<Attribute>();
        n.attributes().values().stream().filter(a -> !a.name().equals("axis")).forEach(attributes::add);
        attributes.add(Attribute.ofInt("axis", -1));
        if (lastAxis) {
            replace(n, n.inputs(), attributes);
            return;
        }
        var g = n.graph();
        var x = n.input(0);
        var y = n.output(0);
        long axis = n.intAttr("axis", 1);
        var flat = g.valueOrCreate(Scopes.fresh(y.name() + "_flat", taken));
        var flatOut = g.valueOrCreate(Scopes.fresh(y.name() + "_2d", taken));
        var shape = g.valueOrCreate(Scopes.fresh(y.name() + "_shape", taken));
        int at = g.detachNode(n);
        var flatten = g.insertNode(at, childName(n, "Flatten"), "Flatten", "");
        flatten.addInput(x);
        flatten.addOutput(flat);
        flatten.setAttribute(Attribute.ofInt("axis", axis));
        var op = g.insertNode(at + 1, n.name(), n.opType(), n.domain());
        op.addInput(flat);
        op.addOutput(flatOut);
        attributes.forEach(op::setAttribute);
        var shapeOf = g.insertNode(at + 2, childName(n, "Shape"), "Shape", "");
        shapeOf.addInput(x);
        shapeOf.addOutput(shape);
        var reshape = g.insertNode(at + 3, childName(n, "Reshape"), "Reshape", "");
        reshape.addInput(flatOut);
        reshape.addInput(shape);
        reshape.addOutput(y);
    }

    /// Puts a new node in `old`'s place: same name, operator, outputs and annotations, the given inputs
    /// and attributes.
    private static void replace(Node old, List<Value> inputs, List<Attribute> attributes) {
        var g = old.graph();
        var outputs = List.copyOf(old.outputs());
        var copy = List.copyOf(inputs);
        int at = g.detachNode(old);
        var node = g.insertNode(at, old.name(), old.opType(), old.domain());
        copy.forEach(node::addInput);
        outputs.forEach(node::addOutput);
        attributes.forEach(node::setAttribute);
        node.setOverload(old.overload());
        node.setDocString(old.docString());
        node.setMetadataProps(old.metadataProps());
        node.setExtras(old.extras());
    }

    private static String baseName(Node n) {
        if (n.output(0) != null) {
            return n.output(0).name();
        }
        return n.name() == null || n.name().isEmpty() ? n.opType() : n.name();
    }

    private static String childName(Node n, String op) {
        return n.name() == null || n.name().isEmpty() ? null : n.name() + "/" + op;
    }
}
