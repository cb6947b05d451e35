package dev.loupe.app.edit;

import dev.loupe.app.main.MainViewModel;
import dev.loupe.executor.io.InputLoader;
import dev.loupe.executor.io.ValueFileException;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.tensor.TensorConversion;
import dev.loupe.model.TensorData;
import dev.loupe.model.TypeInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/// Reads a tensor the user chose for a weight or a tensor attribute — `.npy`, `.npz` holding one array, or a
/// `TensorProto` `.pb` — off the FX thread, on the window's background runner (progress and Cancel in the
/// status bar; edits wait meanwhile).
final class TensorFiles {

    private TensorFiles() {
    }

    /// Starts reading `file` as model data named `name` (`expected`, when known, tells a `.pb` file which
    /// message to hold) and hands it to `then` on the FX thread; a file that cannot be read is reported in
    /// the status line. Returns whether reading started: `false`, with the reason in the status line, for a
    /// missing file or while the model is in use.
    static boolean readThen(MainViewModel main, Path file, TypeInfo expected, String name, Consumer<TensorData> then) {
        if (!Files.isRegularFile(file)) {
            main.statusProperty().set("Cannot read " + file.getFileName() + ": no such file");
            return false;
        }
        if (main.modelInUse()) {
            return false;
        }
        var task = new Task<TensorData>() {
            @Override
            protected TensorData call() throws ValueFileException {
                updateMessage("Reading " + file.getFileName() + "…");
                if (InputLoader.readValue(file, expected) instanceof Tensor t) {
                    return TensorConversion.toTensorData(t, name);
                }
                throw new IllegalStateException("it holds no tensor");
            }
        };
        main.tasks().run(task, then,
                failure -> main.statusProperty().set("Cannot read " + file.getFileName() + ": " + failure.getMessage()),
                () -> main.statusProperty().set("Reading " + file.getFileName() + " cancelled"));
        return true;
    }
}
