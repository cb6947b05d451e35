package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelRegistry;
import dev.loupe.executor.kernels.shape.FamilyCases;
import dev.loupe.executor.kernels.shape.ShapeKernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/// Every ONNX node test case made of this family's operators (and shape operators such as `Constant`) passes
/// with these two families' kernels alone.
class NnKernelsConformanceTest {

    private static final KernelRegistry REGISTRY = registry();

    static Stream<String> cases() throws IOException {
        var nn = new KernelRegistry();
        NnKernels.registerAll(nn);
        var nnOps = nn.operators().stream().map(k -> k.substring(k.indexOf(':') + 1)).collect(Collectors.toSet());
        return FamilyCases.covered(REGISTRY, nnOps);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void passes(String name) {
        FamilyCases.assertPasses(name, REGISTRY);
    }

    private static KernelRegistry registry() {
        var r = new KernelRegistry();
        NnKernels.registerAll(r);
        ShapeKernels.registerAll(r);
        return r;
    }
}
