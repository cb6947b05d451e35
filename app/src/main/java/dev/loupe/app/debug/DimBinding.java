package dev.loupe.app.debug;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

/// The size the user gives one symbolic dimension of the model's inputs (`batch`, `seq`), or one unknown
/// dimension, named after its input and axis (`x[0]`). Random inputs take their shapes from these.
/// FX thread only.
public final class DimBinding {

    private final String name;
    private final String usedBy;
    private final IntegerProperty size;

    /// @param usedBy where the dimension appears, e.g. `x[0], mask[0]`
    DimBinding(String name, String usedBy, int size) {
        this.name = name;
        this.usedBy = usedBy;
        this.size = new SimpleIntegerProperty(this, "size", size);
    }

    public String name() {
        return name;
    }

    public String usedBy() {
        return usedBy;
    }

    /// At least 1.
    public IntegerProperty sizeProperty() {
        return size;
    }

    public int getSize() {
        return size.get();
    }

    public void setSize(int value) {
        size.set(Math.max(1, value));
    }
}
