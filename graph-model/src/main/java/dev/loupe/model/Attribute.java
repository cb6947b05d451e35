package dev.loupe.model;

/// A named attribute of a node or a default of a function attribute.
///
/// @param refAttrName inside a function body, the caller's attribute this one takes its value from, else `null`
/// @param declaredType the type the file states, which normally equals `value.type()`; `null` when the file
///                     states none (IR version 1 files)
/// @param extras fields this layer does not interpret, written back unchanged
public record Attribute(String name, AttributeValue value, String refAttrName, String docString,
                        AttributeType declaredType, Opaque extras) {

    public static Attribute of(String name, AttributeValue value) {
        return new Attribute(name, value, null, null, value.type(), Opaque.NONE);
    }

    public static Attribute ofInt(String name, long v) {
        return of(name, new AttributeValue.IntValue(v));
    }

    public static Attribute ofFloat(String name, float v) {
        return of(name, new AttributeValue.FloatValue(v));
    }

    public static Attribute ofInts(String name, long... v) {
        return of(name, new AttributeValue.Ints(v));
    }

    public static Attribute ofString(String name, String v) {
        return of(name, new AttributeValue.StringValue(v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    public static Attribute ofTensor(String name, TensorData t) {
        return of(name, new AttributeValue.TensorValue(t));
    }

    public static Attribute ofGraph(String name, Graph g) {
        return of(name, new AttributeValue.GraphValue(g));
    }

    public AttributeType type() {
        return value.type();
    }

    /// Whether this is a reference to an attribute of the enclosing function call.
    public boolean isReference() {
        return refAttrName != null && !refAttrName.isEmpty();
    }
}
