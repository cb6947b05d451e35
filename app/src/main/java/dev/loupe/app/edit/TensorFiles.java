package dev.loupe.app.edit;

import dev.loupe.executor.io.InputLoader;
import dev.loupe.executor.io.ValueFileException;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.tensor.TensorConversion;
import dev.loupe.model.TensorData;
import dev.loupe.model.TypeInfo;
import java.nio.file.Path;
import java.util.function.Consumer;

/// Reads a tensor the user chose for a weight or a tensor attribute: `.npy`, `.npz` holding one array, or a
/// `TensorProto` `.pb`.
final class TensorFiles {

    private TensorFiles() {
    }

    /// The tensor in `file` as model data named `name`, or `null` after telling `status` why it cannot be
    /// read (`expected`, when known, tells a `.pb` file which message to hold).
    static TensorData read(Path file, TypeInfo expected, String name, Consumer<String> status) {
        try {
            if (InputLoader.readValue(file, expected) instanceof Tensor t) {
                return TensorConversion.toTensorData(t, name);
            }
            status.accept(file.getFileName() + " does not hold a tensor");
        } catch (ValueFileException | RuntimeException e) {
            status.accept("Cannot read " + file.getFileName() + ": " + e.getMessage());
        }
        return null;
    }
}
