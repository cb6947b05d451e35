package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/// Every ONNX node test case made only of this family's operators passes with this family's kernels alone.
class ShapeKernelsConformanceTest {

    /// Cases whose expectations Loupe does not share: the onnx 1.12 data truncates float to bfloat16 where
    /// ONNX specifies rounding to nearest even, and the CastLike examples feed a `like` tensor whose shape
    /// contradicts the graph's declaration, which the session rejects before any kernel runs.
    private static final Set<String> DATA_QUIRKS = Set.of("test_cast_FLOAT_to_BFLOAT16",
            "test_castlike_BFLOAT16_to_FLOAT", "test_castlike_BFLOAT16_to_FLOAT_expanded",
            "test_castlike_FLOAT_to_BFLOAT16", "test_castlike_FLOAT_to_BFLOAT16_expanded");

    private static final KernelRegistry REGISTRY = registry();

    static Stream<String> cases() throws IOException {
        var shapeOps = REGISTRY.operators().stream().map(k -> k.substring(k.indexOf(':') + 1)).collect(Collectors.toSet());
        return FamilyCases.covered(REGISTRY, shapeOps).filter(name -> !DATA_QUIRKS.contains(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void passes(String name) {
        FamilyCases.assertPasses(name, REGISTRY);
    }

    private static KernelRegistry registry() {
        var r = new KernelRegistry();
        ShapeKernels.registerAll(r);
        return r;
    }
}
