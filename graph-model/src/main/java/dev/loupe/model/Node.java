package dev.loupe.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/// One operator invocation in a graph. Inputs and outputs are positional; an absent optional input or
/// output is `null`. Attributes keep the file's order.
///
/// Not thread-safe while the model is being edited.
public final class Node {

    private final Graph graph;
    private String name;
    private String opType;
    private String domain;
    private String overload;
    private final List<Value> inputs = new ArrayList<>();
    private final List<Value> outputs = new ArrayList<>();
    private final Map<String, Attribute> attributes = new LinkedHashMap<>();
    private String docString;
    private List<StringEntry> metadataProps = List.of();
    private Opaque extras = Opaque.NONE;

    Node(Graph graph, String name, String opType, String domain) {
        this.graph = graph;
        this.name = name;
        this.opType = opType;
        this.domain = domain;
    }

    public Graph graph() {
        return graph;
    }

    /// The node's name as written, `null` when the file gives none.
    public String name() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /// A name to show: the node's own, else a description from its op type and first output.
    public String displayName() {
        if (name != null && !name.isEmpty()) {
            return name;
        }
        var first = outputs.isEmpty() || outputs.getFirst() == null ? "?" : outputs.getFirst().name();
        return opType + " -> " + first;
    }

    public String opType() {
        return opType;
    }

    public void setOpType(String opType) {
        this.opType = opType;
    }

    /// The operator's domain as written (`null` or `""` both mean `ai.onnx`).
    public String domain() {
        return domain;
    }

    /// The domain with `ai.onnx` normalised to `""`.
    public String canonicalDomain() {
        return OpsetId.canonicalDomain(domain);
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public String overload() {
        return overload;
    }

    public void setOverload(String overload) {
        this.overload = overload;
    }

    public List<Value> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    public List<Value> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    public Value input(int i) {
        return i < inputs.size() ? inputs.get(i) : null;
    }

    public Value output(int i) {
        return i < outputs.size() ? outputs.get(i) : null;
    }

    /// Whether optional input `i` is given.
    public boolean hasInput(int i) {
        return input(i) != null;
    }

    /// Appends an input slot reading `value` (`null` for an absent optional input).
    public void addInput(Value value) {
        inputs.add(value);
        if (value != null) {
            value.addConsumer(this);
        }
    }

    /// Points input slot `i` at `value`, keeping the consumer lists of both values right.
    public void setInput(int i, Value value) {
        var old = inputs.set(i, value);
        if (old != null) {
            old.removeConsumer(this);
        }
        if (value != null) {
            value.addConsumer(this);
        }
    }

    /// Appends an output slot producing `value` (`null` for an absent optional output).
    ///
    /// @throws IllegalStateException when another node already produces `value`
    public void addOutput(Value value) {
        if (value != null) {
            if (value.producer() != null && value.producer() != this) {
                throw new IllegalStateException(value + " is already produced by node '" + value.producer().displayName() + "'");
            }
            value.setProducer(this);
        }
        outputs.add(value);
    }

    /// Detaches this node from its inputs and outputs; used when the node leaves its graph.
    void disconnect() {
        for (var v : inputs) {
            if (v != null) {
                v.removeConsumer(this);
            }
        }
        for (var v : outputs) {
            if (v != null && v.producer() == this) {
                v.setProducer(null);
            }
        }
    }

    /// Re-attaches a node detached by [#disconnect()] to the same inputs and outputs.
    void reconnect() {
        for (var v : inputs) {
            if (v != null) {
                v.addConsumer(this);
            }
        }
        for (var v : outputs) {
            if (v != null) {
                if (v.producer() != null && v.producer() != this) {
                    throw new IllegalStateException(v + " is already produced by " + v.producer());
                }
                v.setProducer(this);
            }
        }
    }

    public Map<String, Attribute> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public Optional<Attribute> attribute(String attrName) {
        return Optional.ofNullable(attributes.get(attrName));
    }

    public void setAttribute(Attribute attribute) {
        attributes.put(attribute.name(), attribute);
    }

    public void removeAttribute(String attrName) {
        attributes.remove(attrName);
    }

    public long intAttr(String attrName, long fallback) {
        return attribute(attrName).map(Attribute::value)
                .map(v -> v instanceof AttributeValue.IntValue(long x) ? x : fallback).orElse(fallback);
    }

    public float floatAttr(String attrName, float fallback) {
        return attribute(attrName).map(Attribute::value)
                .map(v -> v instanceof AttributeValue.FloatValue(float x) ? x : fallback).orElse(fallback);
    }

    public String stringAttr(String attrName, String fallback) {
        return attribute(attrName).map(Attribute::value)
                .map(v -> v instanceof AttributeValue.StringValue s ? s.text() : fallback).orElse(fallback);
    }

    /// The INTS attribute, or `null` when absent.
    public long[] intsAttr(String attrName) {
        return attribute(attrName).map(Attribute::value)
                .map(v -> v instanceof AttributeValue.Ints(long[] x) ? x.clone() : null).orElse(null);
    }

    /// The FLOATS attribute, or `null` when absent.
    public float[] floatsAttr(String attrName) {
        return attribute(attrName).map(Attribute::value)
                .map(v -> v instanceof AttributeValue.Floats(float[] x) ? x.clone() : null).orElse(null);
    }

    /// Graphs held by GRAPH and GRAPHS attributes (bodies of `If`, `Loop`, `Scan`...), in attribute order.
    public List<Graph> subgraphs() {
        var out = new ArrayList<Graph>();
        for (var a : attributes.values()) {
            switch (a.value()) {
                case AttributeValue.GraphValue(Graph g) -> out.add(g);
                case AttributeValue.Graphs(List<Graph> gs) -> out.addAll(gs);
                default -> { }
            }
        }
        return out;
    }

    public String docString() {
        return docString;
    }

    public void setDocString(String docString) {
        this.docString = docString;
    }

    public List<StringEntry> metadataProps() {
        return metadataProps;
    }

    public void setMetadataProps(List<StringEntry> props) {
        this.metadataProps = List.copyOf(props);
    }

    public Opaque extras() {
        return extras;
    }

    public void setExtras(Opaque extras) {
        this.extras = extras;
    }

    @Override
    public String toString() {
        return "node '" + displayName() + "' (" + (domain == null || domain.isEmpty() ? "" : domain + ".") + opType + ")";
    }
}
