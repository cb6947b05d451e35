package dev.loupe.app.inspect;

import dev.loupe.model.TensorData;

/// One line of a property table: a section heading (when `name` is empty) or a name and its value.
///
/// @param tensor the constant the row describes, which the tensor viewer can open; else `null`
public record PropertyRow(String section, String name, String value, TensorData tensor) {

    public static PropertyRow heading(String section) {
        return new PropertyRow(section, "", "", null);
    }

    public static PropertyRow of(String section, String name, String value) {
        return new PropertyRow(section, name, value == null ? "" : value, null);
    }

    public boolean isHeading() {
        return name.isEmpty();
    }
}
