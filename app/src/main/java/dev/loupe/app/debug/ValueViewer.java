package dev.loupe.app.debug;

import dev.loupe.app.inspect.TensorView;
import dev.loupe.app.inspect.TensorViewModel;
import dev.loupe.executor.tensor.OptionalValue;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.tensor.TensorConversion;
import java.util.List;
import java.util.function.Supplier;
import javafx.concurrent.Task;
import javafx.scene.control.Alert;
import javafx.stage.Window;

/// Opens a run's value in the tensor viewer; values that are not tensors are described in a message. The
/// statistics of a large tensor are computed off the FX thread before its window opens.
public final class ValueViewer {

    /// Tensors with more elements are prepared in the background.
    private static final int LARGE = 1 << 20;

    private final Window owner;
    private final Supplier<List<String>> stylesheets;
    private final java.util.function.BooleanSupplier dark;

    /// @param stylesheets the theme sheets for the viewer's window
    /// @param dark        whether the dark theme is on when a viewer opens
    public ValueViewer(Window owner, Supplier<List<String>> stylesheets, java.util.function.BooleanSupplier dark) {
        this.owner = owner;
        this.stylesheets = stylesheets;
        this.dark = dark;
    }

    /// Shows `value`, named `name`.
    public void show(String name, RuntimeValue value) {
        var v = value instanceof OptionalValue o && o.isPresent() ? o.value() : value;
        if (v instanceof Tensor t && t.size() > LARGE) {
            var task = new Task<TensorViewModel>() {
                @Override
                protected TensorViewModel call() {
                    return new TensorViewModel(TensorConversion.toTensorData(t, name));
                }
            };
            task.setOnSucceeded(e -> TensorView.show(owner, task.getValue(), stylesheets.get(), dark.getAsBoolean()));
            task.setOnFailed(e -> TensorView.showError(owner, name, String.valueOf(task.getException().getMessage())));
            Thread.ofVirtual().name("loupe-tensor-" + name).start(task);
        } else if (v instanceof Tensor t) {
            TensorView.show(owner, TensorConversion.toTensorData(t, name), stylesheets.get(), dark.getAsBoolean());
        } else {
            message("'" + name + "' is " + (v == null ? "empty" : v.describe()) + ": only tensors open in the tensor viewer");
        }
    }

    /// Tells the user why there is nothing to show.
    public void message(String text) {
        var alert = new Alert(Alert.AlertType.INFORMATION, text);
        alert.initOwner(owner);
        alert.setHeaderText("No tensor to show");
        alert.getDialogPane().setId("no-value-dialog");
        alert.getDialogPane().getStylesheets().setAll(stylesheets.get());
        alert.show();
    }
}
