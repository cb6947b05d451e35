package dev.loupe.model.edit;

import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.TensorData;
import java.util.List;

/// The tensor a `Constant` node's value attribute stands for.
final class ConstantValues {

    private ConstantValues() {
    }

    /// The value of `attribute` (`value`, `value_float`, `value_ints`...) as a tensor named `name`.
    ///
    /// @throws EditException for `sparse_value` and attributes that are no Constant value
    static TensorData tensor(Attribute attribute, String name) throws EditException {
        return switch (attribute.value()) {
            case AttributeValue.TensorValue(TensorData t) when attribute.name().equals("value") -> t.withName(name);
            case AttributeValue.FloatValue(float f) when attribute.name().equals("value_float") ->
                    TensorData.ofFloats(name, new long[0], f);
            case AttributeValue.Floats(float[] f) when attribute.name().equals("value_floats") ->
                    TensorData.ofFloats(name, new long[] {f.length}, f);
            case AttributeValue.IntValue(long v) when attribute.name().equals("value_int") ->
                    TensorData.ofLongs(name, new long[0], v);
            case AttributeValue.Ints(long[] v) when attribute.name().equals("value_ints") ->
                    TensorData.ofLongs(name, new long[] {v.length}, v);
            case AttributeValue.StringValue(byte[] b) when attribute.name().equals("value_string") ->
                    TensorData.ofStrings(name, new long[0], List.of(b));
            case AttributeValue.Strings(List<byte[]> b) when attribute.name().equals("value_strings") ->
                    TensorData.ofStrings(name, new long[] {b.size()}, b);
            default -> throw new EditException("a Constant's '" + attribute.name() + "' (" + attribute.type()
                    + ") cannot become an initializer");
        };
    }
}
