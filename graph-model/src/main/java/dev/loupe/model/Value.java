package dev.loupe.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/// A named value of a graph: a graph input, an initializer or a node's output. It knows its producer
/// and its consumers, and carries the type the file declares for it and the type shape inference found.
///
/// Values are created and wired by their [Graph]; they are not thread-safe while the model is being edited.
public final class Value {

    private final Graph graph;
    private String name;
    private TypeInfo type;
    private TypeInfo inferredType;
    private String docString;
    private List<StringEntry> metadataProps = List.of();
    private Opaque extras = Opaque.NONE;
    private TensorData initializer;
    private Node producer;
    private final List<Node> consumers = new ArrayList<>();

    Value(Graph graph, String name) {
        this.graph = graph;
        this.name = name;
    }

    /// The graph whose scope defines this value.
    public Graph graph() {
        return graph;
    }

    public String name() {
        return name;
    }

    void rename(String newName) {
        this.name = newName;
    }

    /// The type the file declares (graph input/output or `value_info`), or `null` when none is declared.
    public TypeInfo type() {
        return type;
    }

    public void setType(TypeInfo type) {
        this.type = type;
    }

    /// The type shape inference computed, or `null` before inference or when it could not tell.
    public TypeInfo inferredType() {
        return inferredType;
    }

    public void setInferredType(TypeInfo inferredType) {
        this.inferredType = inferredType;
    }

    /// The most precise type known: the inferred one when it exists, else the declared one, else, for an
    /// initializer, the initializer's own type.
    public TypeInfo bestType() {
        if (inferredType != null) {
            return inferredType;
        }
        if (type != null) {
            return type;
        }
        return initializer == null ? null : new TypeInfo.TensorType(initializer.elementType(), initializer.shape());
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

    /// Fields of the value's `ValueInfoProto` that this layer does not interpret.
    public Opaque extras() {
        return extras;
    }

    public void setExtras(Opaque extras) {
        this.extras = extras;
    }

    /// The constant this value is initialized with, or `null`.
    public TensorData initializer() {
        return initializer;
    }

    void setInitializer(TensorData initializer) {
        this.initializer = initializer;
    }

    public boolean isInitializer() {
        return initializer != null;
    }

    /// The node that computes this value, or `null` for graph inputs, initializers and undefined names.
    public Node producer() {
        return producer;
    }

    void setProducer(Node producer) {
        this.producer = producer;
    }

    /// Nodes reading this value, once per input slot (a node using it twice appears twice), in no set order.
    public List<Node> consumers() {
        return Collections.unmodifiableList(consumers);
    }

    void addConsumer(Node node) {
        consumers.add(node);
    }

    void removeConsumer(Node node) {
        consumers.remove(node);
    }

    public boolean isGraphInput() {
        return graph.inputs().contains(this);
    }

    public boolean isGraphOutput() {
        return graph.outputs().contains(this);
    }

    /// Whether anything defines this value: a producer, an initializer or a graph input.
    public boolean isDefined() {
        return producer != null || initializer != null || isGraphInput();
    }

    @Override
    public String toString() {
        return "value '" + name + "'";
    }
}
