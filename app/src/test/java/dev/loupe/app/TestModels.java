package dev.loupe.app;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loupe.model.Model;
import dev.loupe.model.io.ModelIOException;
import dev.loupe.model.io.ModelReader;
import java.nio.file.Files;
import java.nio.file.Path;

/// Models the viewer's tests open: cases of the ONNX test data (`apt-get install libonnx-testdata`; tests
/// that need it are skipped, saying so, when it is missing).
public final class TestModels {

    public static final Path ONNX_TEST_DATA = Path.of("/usr/share/libonnx-testdata/data");

    private TestModels() {
    }

    /// The `model.onnx` of an ONNX test case, e.g. `node/test_loop11`.
    public static Path path(String testCase) {
        var p = ONNX_TEST_DATA.resolve(testCase).resolve("model.onnx");
        assumeTrue(Files.isRegularFile(p), "ONNX test data missing (apt-get install libonnx-testdata): " + p);
        return p;
    }

    public static Model read(String testCase) throws ModelIOException {
        return ModelReader.read(path(testCase));
    }
}
