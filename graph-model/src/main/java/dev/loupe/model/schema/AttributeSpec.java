package dev.loupe.model.schema;

import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeType;

/// A formal attribute of an operator.
///
/// @param type the type a node's value must have
/// @param required whether a node must give a value; an optional attribute may have a default
/// @param defaultValue the value a node that omits the attribute gets, named like the attribute, or
///                     `null` when there is none; shared, so callers must not modify its arrays
public record AttributeSpec(String name, AttributeType type, boolean required, Attribute defaultValue) {

    public boolean hasDefault() {
        return defaultValue != null;
    }
}
