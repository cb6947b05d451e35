package dev.loupe.plugins;

import dev.loupe.executor.tensor.RuntimeValue;
import java.nio.file.Path;
import java.util.Map;

/// Another runtime that can run a model on the same inputs, so that Loupe can compare its own results
/// with it (for example ONNX Runtime). Implementations are found with [java.util.ServiceLoader].
///
/// Implementations must be safe to call from a worker thread, and must report failures (model refused,
/// runtime missing) as [BackendException] with a one-line message.
public interface ComparisonBackend {

    /// A short name for menus and reports, e.g. `onnxruntime`.
    String name();

    /// Whether the backend can run here (its native libraries load, and so on).
    boolean isAvailable();

    /// Runs `model` once on `inputs` (by graph input name) and returns every graph output by name.
    Map<String, RuntimeValue> run(Path model, Map<String, RuntimeValue> inputs) throws BackendException;

    /// A backend could not run the model.
    final class BackendException extends Exception {
        public BackendException(String message) {
            super(message);
        }
    }
}
