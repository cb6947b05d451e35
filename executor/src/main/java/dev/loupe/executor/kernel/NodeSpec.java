package dev.loupe.executor.kernel;

import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.TensorData;

import java.util.List;
import java.util.Optional;

/// What a [KernelFactory] knows about the node it builds a kernel for: the node itself, the opset version
/// of its domain in force (the model's or the enclosing function's import) and the model.
///
/// Attribute getters return the node's value or the given default; a missing required attribute is the
/// factory's to report with [#required(String)].
public record NodeSpec(Node node, long opsetVersion, Model model) {

    public String opType() {
        return node.opType();
    }

    public int inputCount() {
        return node.inputs().size();
    }

    public int outputCount() {
        return node.outputs().size();
    }

    /// Whether output slot `i` is wanted by the graph (present and named).
    public boolean hasOutput(int i) {
        return node.output(i) != null;
    }

    public boolean hasInput(int i) {
        return node.input(i) != null;
    }

    /// Whether input slot `i` holds the same value on every run: an initializer that is not also a graph input
    /// (which a caller could override), or the output of a `Constant` node. Kernels may prepare such inputs
    /// once (pack weights, for example) and reuse the result while the runtime value stays the same object.
    public boolean isConstantInput(int i) {
        var v = i < inputCount() ? node.input(i) : null;
        if (v == null) {
            return false;
        }
        var producer = v.producer();
        return (v.isInitializer() && !v.isGraphInput()) || (producer != null && "Constant".equals(producer.opType()));
    }

    public boolean has(String name) {
        return node.attribute(name).isPresent();
    }

    public long intAttr(String name, long fallback) {
        return node.intAttr(name, fallback);
    }

    public float floatAttr(String name, float fallback) {
        return node.floatAttr(name, fallback);
    }

    public String stringAttr(String name, String fallback) {
        return node.stringAttr(name, fallback);
    }

    /// The INTS attribute, or `fallback` when absent.
    public long[] intsAttr(String name, long[] fallback) {
        var v = node.intsAttr(name);
        return v == null ? fallback : v;
    }

    /// The FLOATS attribute, or `fallback` when absent.
    public float[] floatsAttr(String name, float[] fallback) {
        var v = node.floatsAttr(name);
        return v == null ? fallback : v;
    }

    /// The STRINGS attribute as text, or `fallback` when absent.
    public List<String> stringsAttr(String name, List<String> fallback) {
        return node.attribute(name).map(Attribute::value)
                .map(v -> v instanceof AttributeValue.Strings s ? s.texts() : fallback).orElse(fallback);
    }

    public Optional<TensorData> tensorAttr(String name) {
        return node.attribute(name).map(Attribute::value)
                .map(v -> v instanceof AttributeValue.TensorValue(TensorData t) ? t : null);
    }

    public Optional<Graph> graphAttr(String name) {
        return node.attribute(name).map(Attribute::value)
                .map(v -> v instanceof AttributeValue.GraphValue(Graph g) ? g : null);
    }

    /// The attribute, failing with a clear message when the node lacks it.
    public Attribute required(String name) {
        return node.attribute(name).orElseThrow(() -> new KernelException("required attribute '" + name + "' is missing"));
    }
}
