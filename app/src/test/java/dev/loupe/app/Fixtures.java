package dev.loupe.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/// The repository's exported-model fixtures (`src/test/resources/fixtures`, see its README): real
/// PyTorch and scikit-learn exports with test data sets.
public final class Fixtures {

    /// The fixtures folder, relative to the app module where its tests run.
    public static final Path ROOT = Path.of("../src/test/resources/fixtures");

    private Fixtures() {
    }

    /// The folder of fixture `name`, e.g. `torch_mlp`.
    public static Path dir(String name) {
        var d = ROOT.resolve(name);
        assertTrue(Files.isDirectory(d), "fixture missing: " + d.toAbsolutePath());
        return d;
    }

    /// The `model.onnx` of fixture `name`.
    public static Path model(String name) {
        return dir(name).resolve("model.onnx");
    }
}
