package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelRegistry;
import dev.loupe.executor.testdata.CaseResult;
import dev.loupe.executor.testdata.TestDataRunner;
import dev.loupe.model.Node;
import dev.loupe.model.io.ModelReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/// The ONNX node test cases that use only the operators of some kernel families, so that a family can be
/// checked against the ONNX test data on its own, through the session's test-data runner.
public final class FamilyCases {

    /// Debian's copy of the ONNX node test data.
    public static final Path NODE_DATA = Path.of("/usr/share/libonnx-testdata/data/node");

    private FamilyCases() {
    }

    /// Names of the cases whose every node is an `ai.onnx` operator registered in `registry` and at least one
    /// of which is in `anyOf`; empty when the test data is not installed.
    public static Stream<String> covered(KernelRegistry registry, Set<String> anyOf) throws IOException {
        if (!Files.isDirectory(NODE_DATA)) {
            return Stream.empty();
        }
        var known = registry.operators().stream().filter(k -> k.startsWith(":")).map(k -> k.substring(1))
                .collect(Collectors.toSet());
        return TestDataRunner.findCases(NODE_DATA).stream().filter(dir -> {
            try (var model = ModelReader.read(dir.resolve("model.onnx"))) {
                var ops = model.graph().nodes().stream()
                        .filter(n -> n.canonicalDomain().isEmpty()).map(Node::opType).collect(Collectors.toSet());
                boolean allOnnx = model.graph().nodes().stream().allMatch(n -> n.canonicalDomain().isEmpty());
                return allOnnx && known.containsAll(ops) && ops.stream().anyMatch(anyOf::contains);
            } catch (Exception e) {
                throw new IllegalStateException("cannot read " + dir + ": " + e.getMessage(), e);
            }
        }).map(dir -> dir.getFileName().toString());
    }

    /// Runs the named case with the kernels of `registry` and fails with the runner's report unless it passes.
    public static void assertPasses(String name, KernelRegistry registry) {
        var dir = NODE_DATA.resolve(name);
        assertTrue(Files.isDirectory(dir), "ONNX test data not installed");
        try {
            var report = TestDataRunner.run(dir, TestDataRunner.Options.defaults(), registry, r -> { });
            var result = report.cases().getFirst();
            assertInstanceOf(CaseResult.Pass.class, result, result.line());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
