package dev.loupe.model.infer;

import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import dev.loupe.model.Shape;
import dev.loupe.model.TensorData;
import dev.loupe.model.TypeInfo;
import java.util.List;

/// What a [ShapeRule] sees of one node: its input types and constant values, its attributes (references
/// to a calling function's attributes already resolved), and slots for its output types.
///
/// Input accessors return `null` (or -1 for a rank) for whatever is unknown, including absent optional
/// inputs. Used by one rule invocation on one thread.
final class NodeContext {

    private final GraphInferrer scope;
    private final Node node;
    private final long opset;
    private final TypeInfo[] inputTypes;
    private final TypeInfo[] outputs;
    private final SymbolicInts[] outputData;

    NodeContext(GraphInferrer scope, Node node, long opset) {
        this.scope = scope;
        this.node = node;
        this.opset = opset;
        this.inputTypes = new TypeInfo[node.inputs().size()];
        for (int i = 0; i < inputTypes.length; i++) {
            var v = node.input(i);
            inputTypes[i] = v == null ? null : scope.typeOf(v);
        }
        this.outputs = new TypeInfo[node.outputs().size()];
        this.outputData = new SymbolicInts[outputs.length];
    }

    Node node() {
        return node;
    }

    /// The imported version of the node's domain.
    long opset() {
        return opset;
    }

    // ---- inputs ----

    int inputCount() {
        return inputTypes.length;
    }

    boolean has(int i) {
        return node.input(i) != null;
    }

    TypeInfo type(int i) {
        return i < inputTypes.length ? inputTypes[i] : null;
    }

    ElementType elem(int i) {
        return Types.elementType(type(i));
    }

    Shape shape(int i) {
        return type(i) instanceof TypeInfo.TensorType t ? t.shape() : null;
    }

    int rank(int i) {
        var s = shape(i);
        return s == null ? -1 : s.rank();
    }

    /// The statically known values of a rank-0 or rank-1 integer input, possibly symbolic.
    SymbolicInts data(int i) {
        var v = node.input(i);
        return v == null ? null : scope.data(v);
    }

    /// The values of a rank-0 or rank-1 integer input when all are known numbers.
    long[] ints(int i) {
        var d = data(i);
        return d == null ? null : d.known();
    }

    /// Whether input `i` is certainly an empty sequence (made by `SequenceEmpty`), whose element type
    /// says nothing about the shapes of elements added later.
    boolean isEmptySequence(int i) {
        var v = node.input(i);
        var p = v == null ? null : v.producer();
        return p != null && p.opType().equals("SequenceEmpty") && p.canonicalDomain().isEmpty();
    }

    /// The values of a constant numeric input (initializer or `Constant`) as floats.
    float[] floats(int i) {
        var v = node.input(i);
        var t = v == null ? null : scope.constant(v);
        return t == null ? null : Constants.floats(t);
    }

    /// The type of the value named `name` in the node's scope, or `null`.
    TypeInfo typeOfName(String name) {
        var v = node.graph().resolve(name);
        return v == null ? null : scope.typeOf(v);
    }

    // ---- attributes ----

    /// The attribute, with a reference to a calling function's attribute replaced by its value; `null`
    /// when absent or unresolvable.
    Attribute attr(String name) {
        var a = node.attributes().get(name);
        return a != null && a.isReference() ? scope.resolveReference(a) : a;
    }

    boolean hasAttr(String name) {
        return attr(name) != null;
    }

    long intAttr(String name, long fallback) {
        return attr(name) != null && attr(name).value() instanceof AttributeValue.IntValue(long v) ? v : fallback;
    }

    String stringAttr(String name, String fallback) {
        return attr(name) != null && attr(name).value() instanceof AttributeValue.StringValue s ? s.text() : fallback;
    }

    /// An INTS attribute (a copy), or `null` when absent.
    long[] intsAttr(String name) {
        return attr(name) != null && attr(name).value() instanceof AttributeValue.Ints(long[] v) ? v.clone() : null;
    }

    float[] floatsAttr(String name) {
        return attr(name) != null && attr(name).value() instanceof AttributeValue.Floats(float[] v) ? v.clone() : null;
    }

    TensorData tensorAttr(String name) {
        return attr(name) != null && attr(name).value() instanceof AttributeValue.TensorValue(TensorData t) ? t : null;
    }

    Graph graphAttr(String name) {
        return attr(name) != null && attr(name).value() instanceof AttributeValue.GraphValue(Graph g) ? g : null;
    }

    /// The element type named by an INT attribute such as `to` or `dtype`, or `fallback`.
    ElementType typeAttr(String name, ElementType fallback) {
        var a = attr(name);
        if (a == null || !(a.value() instanceof AttributeValue.IntValue(long code))) {
            return fallback;
        }
        return ElementType.fromCode((int) code).orElse(fallback);
    }

    // ---- outputs ----

    int outputCount() {
        return outputs.length;
    }

    boolean hasOutput(int i) {
        return node.output(i) != null;
    }

    void set(int i, TypeInfo type) {
        if (i < outputs.length) {
            outputs[i] = type;
        }
    }

    /// Sets a tensor output; either part may be `null` (unknown).
    void set(int i, ElementType type, Shape shape) {
        set(i, Shapes.tensor(type, shape));
    }

    void set(int i, ElementType type, List<Dim> dims) {
        set(i, Shapes.tensor(type, dims));
    }

    /// Sets a tensor output whose shape is unknown.
    void setElem(int i, ElementType type) {
        set(i, Shapes.tensor(type, (Shape) null));
    }

    /// Gives output `i` the same type as input `j`.
    void copy(int j, int i) {
        set(i, type(j));
    }

    /// Records the statically known values of output `i` (rank 0 or 1, integer).
    void setData(int i, SymbolicInts data) {
        if (i < outputData.length) {
            outputData[i] = data;
        }
    }

    TypeInfo output(int i) {
        return outputs[i];
    }

    SymbolicInts outputData(int i) {
        return outputData[i];
    }

    // ---- subgraphs and problems ----

    /// Infers a subgraph whose inputs have the given types (`null` for unknown) and returns the types of
    /// its outputs.
    List<TypeInfo> inferSubgraph(String attribute, Graph graph, List<TypeInfo> inputs) {
        return scope.inferSubgraph(node, attribute, graph, inputs);
    }

    /// Reports a contradiction in the model at this node.
    void problem(String message) {
        scope.warn(node, message);
    }
}
