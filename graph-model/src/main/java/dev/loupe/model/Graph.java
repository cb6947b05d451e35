package dev.loupe.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/// A computation graph: nodes in file order, the values they exchange, graph inputs and outputs and
/// initializers. A graph held by a node attribute (the body of `If`, `Loop`, `Scan`) is a *subgraph*: names
/// it does not define resolve to the enclosing graphs' values (lexical scoping, as ONNX specifies).
///
/// Node order is the file's; it is not guaranteed to be topological (the checker reports when it is not).
/// Not thread-safe while being edited; concurrent reads of an unchanging graph are safe.
public final class Graph {

    private final Graph parent;
    private String name;
    private String docString;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Value> values = new HashMap<>();
    private final List<Value> inputs = new ArrayList<>();
    private final List<Value> outputs = new ArrayList<>();
    private final List<Value> initializers = new ArrayList<>();
    private final List<SparseTensor> sparseInitializers = new ArrayList<>();
    private final List<Value> valueInfos = new ArrayList<>();
    private List<TensorAnnotation> quantizationAnnotations = List.of();
    private List<StringEntry> metadataProps = List.of();
    private Opaque extras = Opaque.NONE;

    /// A top-level graph (`parent == null`) or a subgraph whose free names resolve in `parent`.
    public Graph(Graph parent, String name) {
        this.parent = parent;
        this.name = name;
    }

    /// The enclosing graph for a subgraph, else `null`.
    public Graph parent() {
        return parent;
    }

    public String name() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String docString() {
        return docString;
    }

    public void setDocString(String docString) {
        this.docString = docString;
    }

    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public List<Value> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    public List<Value> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    /// Values that have an initializer, in the file's order.
    public List<Value> initializers() {
        return Collections.unmodifiableList(initializers);
    }

    public List<SparseTensor> sparseInitializers() {
        return Collections.unmodifiableList(sparseInitializers);
    }

    /// Values with a `value_info` entry, in the file's order.
    public List<Value> valueInfos() {
        return Collections.unmodifiableList(valueInfos);
    }

    /// The value named `valueName` in this graph's own scope, or `null`.
    public Value value(String valueName) {
        return values.get(valueName);
    }

    /// All values of this graph's own scope, in no set order.
    public java.util.Collection<Value> values() {
        return Collections.unmodifiableCollection(values.values());
    }

    /// The value named `valueName` here or, failing that, in the enclosing graphs; `null` if none has it.
    public Value resolve(String valueName) {
        for (var g = this; g != null; g = g.parent) {
            var v = g.values.get(valueName);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /// The value named `valueName` in this scope, created (undefined, without producer) if it is new here.
    public Value valueOrCreate(String valueName) {
        return values.computeIfAbsent(valueName, n -> new Value(this, n));
    }

    /// Appends a node with no inputs, outputs or attributes; wire it with [Node#addInput] and [Node#addOutput].
    public Node addNode(String nodeName, String opType, String domain) {
        var node = new Node(this, nodeName, opType, domain);
        nodes.add(node);
        return node;
    }

    /// Inserts a node at `index` of the node list.
    public Node insertNode(int index, String nodeName, String opType, String domain) {
        var node = new Node(this, nodeName, opType, domain);
        nodes.add(index, node);
        return node;
    }

    /// Removes `node`, detaching it from its inputs and outputs (its output values stay, undefined).
    public void removeNode(Node node) {
        if (nodes.remove(node)) {
            node.disconnect();
        }
    }

    /// Takes `node` out of the graph (detached from its inputs and outputs) and returns its former index,
    /// so that [#restoreNode] can put the very same node back.
    public int detachNode(Node node) {
        int index = nodes.indexOf(node);
        if (index < 0) {
            throw new IllegalArgumentException(node + " is not in " + this);
        }
        nodes.remove(index);
        node.disconnect();
        return index;
    }

    /// Puts a node taken out by [#detachNode] back at `index`, reconnected to its inputs and outputs.
    public void restoreNode(Node node, int index) {
        if (node.graph() != this || nodes.contains(node)) {
            throw new IllegalArgumentException(node + " cannot be restored into " + this);
        }
        nodes.add(index, node);
        node.reconnect();
    }

    /// Replaces the node order, which must be a permutation of the current nodes.
    public void reorderNodes(List<Node> order) {
        if (order.size() != nodes.size() || !new java.util.HashSet<>(order).equals(new java.util.HashSet<>(nodes))) {
            throw new IllegalArgumentException("new order must hold exactly the graph's nodes");
        }
        nodes.clear();
        nodes.addAll(order);
    }

    public void addInput(Value value) {
        inputs.add(value);
    }

    public void removeInput(Value value) {
        inputs.remove(value);
    }

    public void addOutput(Value value) {
        outputs.add(value);
    }

    public void setOutput(int index, Value value) {
        outputs.set(index, value);
    }

    public void removeOutput(Value value) {
        outputs.remove(value);
    }

    /// Gives `value` (of this scope) the constant `tensor`, or removes its initializer when `tensor` is `null`.
    public void setInitializer(Value value, TensorData tensor) {
        if (value.graph() != this) {
            throw new IllegalArgumentException(value + " belongs to another graph");
        }
        if (tensor == null) {
            initializers.remove(value);
        } else if (!value.isInitializer()) {
            initializers.add(value);
        }
        value.setInitializer(tensor);
    }

    public void addSparseInitializer(SparseTensor tensor) {
        sparseInitializers.add(tensor);
    }

    public void addValueInfo(Value value) {
        valueInfos.add(value);
    }

    public void removeValueInfo(Value value) {
        valueInfos.remove(value);
    }

    /// Renames `value` in this scope. Every node reading or producing it sees the new name.
    ///
    /// @throws IllegalArgumentException when the new name is already used in this scope
    public void renameValue(Value value, String newName) {
        if (values.containsKey(newName)) {
            throw new IllegalArgumentException("a value named '" + newName + "' already exists");
        }
        values.remove(value.name());
        value.rename(newName);
        values.put(newName, value);
    }

    /// Forgets a value that nothing uses or defines any more.
    public void dropValue(Value value) {
        if (!value.consumers().isEmpty() || value.producer() != null) {
            throw new IllegalStateException(value + " is still in use");
        }
        values.remove(value.name(), value);
    }

    public List<TensorAnnotation> quantizationAnnotations() {
        return quantizationAnnotations;
    }

    public void setQuantizationAnnotations(List<TensorAnnotation> annotations) {
        this.quantizationAnnotations = List.copyOf(annotations);
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

    /// This graph's nodes and, recursively, those of its subgraphs.
    public int totalNodeCount() {
        int n = nodes.size();
        for (var node : nodes) {
            for (var g : node.subgraphs()) {
                n += g.totalNodeCount();
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return "graph '" + name + "' (" + nodes.size() + " nodes)";
    }
}
