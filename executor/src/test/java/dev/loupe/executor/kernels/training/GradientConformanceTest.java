package dev.loupe.executor.kernels.training;

import dev.loupe.executor.kernels.ml.OnnxCase;
import dev.loupe.executor.testdata.Tolerance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// Gradient on the ONNX `simple` test cases.
class GradientConformanceTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"test_gradient_of_add", "test_gradient_of_add_and_mul"})
    void passes(String name) {
        OnnxCase.assertCasePasses(OnnxCase.NODE_DATA.resolveSibling("simple").resolve(name), Tolerance.DEFAULT);
    }
}
