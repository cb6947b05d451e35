package dev.loupe.app.debug;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.util.converter.DoubleStringConverter;
import javafx.util.converter.LongStringConverter;

/// Text fields that edit a number property: the property takes the value when the user commits it (Enter
/// or leaving the field), and the field shows the property's changes. Plain listeners rather than
/// bidirectional bindings through `asObject()`, whose wrapper is only weakly held and can be collected.
public final class NumberFields {

    private NumberFields() {
    }

    /// Makes `field` edit `property`.
    public static void bind(TextField field, DoubleProperty property) {
        var format = new TextFormatter<>(new DoubleStringConverter(), property.get());
        field.setTextFormatter(format);
        format.valueProperty().addListener((o, old, v) -> {
            if (v != null) {
                property.set(v);
            }
        });
        property.addListener((o, old, v) -> format.setValue(v.doubleValue()));
    }

    /// Makes `field` edit `property`.
    public static void bind(TextField field, LongProperty property) {
        var format = new TextFormatter<>(new LongStringConverter(), property.get());
        field.setTextFormatter(format);
        format.valueProperty().addListener((o, old, v) -> {
            if (v != null) {
                property.set(v);
            }
        });
        property.addListener((o, old, v) -> format.setValue(v.longValue()));
    }
}
