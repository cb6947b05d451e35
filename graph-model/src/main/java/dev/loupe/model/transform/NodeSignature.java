package dev.loupe.model.transform;

import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.Node;
import dev.loupe.model.TensorData;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/// Whether two nodes compute the same operator the same way: op type, domain, overload, the same input
/// and output slots (absent optional ones in the same places) and equal attributes. Nodes holding
/// subgraphs never compare equal (their bodies would need a graph comparison of their own).
final class NodeSignature {

    private NodeSignature() {
    }

    static boolean sameOperator(Node a, Node b) {
        return a.opType().equals(b.opType()) && a.canonicalDomain().equals(b.canonicalDomain())
                && Objects.equals(emptyToNull(a.overload()), emptyToNull(b.overload()));
    }

    static boolean same(Node a, Node b) {
        if (!sameOperator(a, b) || a.inputs().size() != b.inputs().size() || a.outputs().size() != b.outputs().size()) {
            return false;
        }
        for (int i = 0; i < a.inputs().size(); i++) {
            if ((a.input(i) == null) != (b.input(i) == null)) {
                return false;
            }
        }
        for (int i = 0; i < a.outputs().size(); i++) {
            if ((a.output(i) == null) != (b.output(i) == null)) {
                return false;
            }
        }
        if (!a.attributes().keySet().equals(b.attributes().keySet())) {
            return false;
        }
        for (var e : a.attributes().entrySet()) {
            if (!sameAttribute(e.getValue(), b.attributes().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameAttribute(Attribute a, Attribute b) {
        return Objects.equals(a.refAttrName(), b.refAttrName()) && sameValue(a.value(), b.value());
    }

    private static boolean sameValue(AttributeValue a, AttributeValue b) {
        return switch (a) {
            case AttributeValue.FloatValue(float x) -> b instanceof AttributeValue.FloatValue(float y)
                    && Float.floatToIntBits(x) == Float.floatToIntBits(y);
            case AttributeValue.IntValue(long x) -> b instanceof AttributeValue.IntValue(long y) && x == y;
            case AttributeValue.StringValue(byte[] x) -> b instanceof AttributeValue.StringValue(byte[] y) && Arrays.equals(x, y);
            case AttributeValue.Floats(float[] x) -> b instanceof AttributeValue.Floats(float[] y) && Arrays.equals(x, y);
            case AttributeValue.Ints(long[] x) -> b instanceof AttributeValue.Ints(long[] y) && Arrays.equals(x, y);
            case AttributeValue.Strings(List<byte[]> x) -> b instanceof AttributeValue.Strings(List<byte[]> y) && sameBytes(x, y);
            case AttributeValue.TensorValue(TensorData x) -> b instanceof AttributeValue.TensorValue(TensorData y) && sameTensor(x, y);
            case AttributeValue.Tensors(List<TensorData> x) -> b instanceof AttributeValue.Tensors(List<TensorData> y)
                    && x.size() == y.size() && java.util.stream.IntStream.range(0, x.size()).allMatch(i -> sameTensor(x.get(i), y.get(i)));
            case AttributeValue.TypeValue(var x) -> b instanceof AttributeValue.TypeValue(var y) && x.equals(y);
            case AttributeValue.TypeValues(var x) -> b instanceof AttributeValue.TypeValues(var y) && x.equals(y);
            case AttributeValue.Undefined u -> b instanceof AttributeValue.Undefined;
            case AttributeValue.GraphValue g -> false;
            case AttributeValue.Graphs g -> false;
            case AttributeValue.SparseTensorValue s -> false;
            case AttributeValue.SparseTensors s -> false;
        };
    }

    private static boolean sameBytes(List<byte[]> x, List<byte[]> y) {
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!Arrays.equals(x.get(i), y.get(i))) {
                return false;
            }
        }
        return true;
    }

    /// Same element type, shape and values (strings compared as bytes).
    static boolean sameTensor(TensorData x, TensorData y) {
        if (x == y) {
            return true;
        }
        if (x.elementType() != y.elementType() || !Arrays.equals(x.dims(), y.dims())) {
            return false;
        }
        if (x.elementType() == dev.loupe.model.ElementType.STRING) {
            return sameBytes(x.strings(), y.strings());
        }
        return x.bytes().mismatch(y.bytes()) == -1;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
