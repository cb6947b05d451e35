package dev.loupe.app.debug;

import dev.loupe.app.diagram.ValueText;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.ElementType;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;

/// One graph input in the Run panel: its declared type, the value provided for it and where that came
/// from, whether it satisfies the declaration, and the range random values are drawn from. The
/// [RunInputsViewModel] sets values and checks them. FX thread only.
public final class InputRowViewModel {

    private final Value input;
    private final ReadOnlyObjectWrapper<RuntimeValue> value = new ReadOnlyObjectWrapper<>(this, "value");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "missing");
    private final ReadOnlyBooleanWrapper satisfied = new ReadOnlyBooleanWrapper(this, "satisfied");
    private final DoubleProperty low;
    private final DoubleProperty high;

    InputRowViewModel(Value input) {
        this.input = input;
        var range = RandomTensors.defaultRange(elementType());
        low = new SimpleDoubleProperty(this, "low", range[0]);
        high = new SimpleDoubleProperty(this, "high", range[1]);
    }

    public String name() {
        return input.name();
    }

    public Value input() {
        return input;
    }

    /// The declared type, as the model states it (inferred when the model states none).
    public TypeInfo declaredType() {
        return input.type() != null ? input.type() : input.bestType();
    }

    /// For example `float batch×8`.
    public String typeText() {
        return ValueText.type(declaredType());
    }

    /// The tensor element type, or `null` for other kinds of input.
    public ElementType elementType() {
        return declaredType() instanceof TypeInfo.TensorType t ? t.elementType() : null;
    }

    /// Whether random values can be made for this input (a tensor of a numeric or bool type).
    public boolean canRandomize() {
        var t = elementType();
        return t != null && RandomTensors.supports(t);
    }

    public ReadOnlyObjectProperty<RuntimeValue> valueProperty() {
        return value.getReadOnlyProperty();
    }

    public RuntimeValue getValue() {
        return value.get();
    }

    /// Where the value came from: a file name, `random (seed 7)`, `typed`; empty when none.
    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    /// `ok float[4,8]`, `missing`, or what is wrong.
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty satisfiedProperty() {
        return satisfied.getReadOnlyProperty();
    }

    public boolean isSatisfied() {
        return satisfied.get();
    }

    /// Lower end of the random range.
    public DoubleProperty lowProperty() {
        return low;
    }

    /// Upper end of the random range.
    public DoubleProperty highProperty() {
        return high;
    }

    void set(RuntimeValue newValue, String from) {
        value.set(newValue);
        source.set(newValue == null ? "" : from);
    }

    /// Sets the verdict: `problem` is `null` when the value fits.
    void check(String problem) {
        var v = value.get();
        if (v == null) {
            status.set("missing");
            satisfied.set(false);
        } else if (problem != null) {
            status.set(problem);
            satisfied.set(false);
        } else {
            status.set("ok " + v.describe());
            satisfied.set(true);
        }
    }
}
