package dev.loupe.app.edit;

import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.edit.EditException;
import java.nio.charset.StandardCharsets;

/// Reads an attribute value typed in the window, keeping the attribute's current type. Handles int, float,
/// string, ints and floats (lists separated by commas or spaces, brackets optional); other types are refused.
final class AttributeText {

    private AttributeText() {
    }

    /// Whether attributes with `current`'s value can be edited as text.
    static boolean isEditable(Attribute current) {
        return !current.isReference() && switch (current.value()) {
            case AttributeValue.IntValue i -> true;
            case AttributeValue.FloatValue f -> true;
            case AttributeValue.StringValue s -> true;
            case AttributeValue.Ints i -> true;
            case AttributeValue.Floats f -> true;
            default -> false;
        };
    }

    /// The current value as the text the editor starts from.
    static String format(Attribute current) {
        return switch (current.value()) {
            case AttributeValue.IntValue(var v) -> Long.toString(v);
            case AttributeValue.FloatValue(var v) -> Float.toString(v);
            case AttributeValue.StringValue(var v) -> new String(v, StandardCharsets.UTF_8);
            case AttributeValue.Ints(var v) -> String.join(", ", java.util.Arrays.stream(v).mapToObj(Long::toString).toList());
            case AttributeValue.Floats(var v) -> {
                var parts = new String[v.length];
                for (int i = 0; i < v.length; i++) {
                    parts[i] = Float.toString(v[i]);
                }
                yield String.join(", ", parts);
            }
            default -> "";
        };
    }

    /// `text` read as a value of `current`'s type, as an attribute of the same name.
    ///
    /// @throws EditException when the text is not a value of that type (the message says why, on one line)
    static Attribute parse(Attribute current, String text) throws EditException {
        var name = current.name();
        var t = text.strip();
        try {
            return switch (current.value()) {
                case AttributeValue.IntValue i -> Attribute.ofInt(name, Long.parseLong(t));
                case AttributeValue.FloatValue f -> Attribute.ofFloat(name, Float.parseFloat(t));
                case AttributeValue.StringValue s -> Attribute.ofString(name, text);
                case AttributeValue.Ints i -> Attribute.ofInts(name, java.util.Arrays.stream(items(t)).mapToLong(Long::parseLong).toArray());
                case AttributeValue.Floats f -> {
                    var items = items(t);
                    var values = new float[items.length];
                    for (int k = 0; k < items.length; k++) {
                        values[k] = Float.parseFloat(items[k]);
                    }
                    yield Attribute.of(name, new AttributeValue.Floats(values));
                }
                default -> throw new EditException("attribute '" + name + "' of type " + current.type() + " cannot be edited as text");
            };
        } catch (NumberFormatException e) {
            throw new EditException("'" + t + "' is not a valid " + current.type() + " value for attribute '" + name + "'");
        }
    }

    private static String[] items(String text) {
        var inner = text.replaceAll("^\\[|\\]$", "").strip();
        return inner.isEmpty() ? new String[0] : inner.split("[,\\s]+");
    }
}
