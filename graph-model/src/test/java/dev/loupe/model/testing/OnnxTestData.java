package dev.loupe.model.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/// Locates the ONNX backend test data (Debian package `libonnx-testdata`). Tests that need it fail with
/// instructions when it is missing, rather than being skipped.
public final class OnnxTestData {

    public static final List<String> SUITES = List.of("node", "simple", "pytorch-converted", "pytorch-operator");

    private OnnxTestData() {
    }

    public static Path root() {
        var root = Path.of(System.getProperty("loupe.testdata", "/usr/share/libonnx-testdata/data"));
        if (!Files.isDirectory(root.resolve("node"))) {
            throw new IllegalStateException("ONNX test data not found at " + root
                    + ": install it with 'apt-get install -y libonnx-testdata' (or set -Dloupe.testdata=DIR)");
        }
        return root;
    }

    /// Every `model.onnx` of the four suites, sorted.
    public static List<Path> allModels() {
        var root = root();
        return SUITES.stream().flatMap(s -> list(root.resolve(s))).map(d -> d.resolve("model.onnx"))
                .filter(Files::isRegularFile).sorted().toList();
    }

    private static Stream<Path> list(Path dir) {
        try (var s = Files.list(dir)) {
            return s.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
