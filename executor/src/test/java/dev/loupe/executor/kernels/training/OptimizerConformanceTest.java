package dev.loupe.executor.kernels.training;

import dev.loupe.executor.kernels.ml.OnnxCase;
import dev.loupe.executor.testdata.Tolerance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// Adagrad, Adam and Momentum on their ONNX node test cases. `test_adam_multiple` is left out: its expected
/// values were computed with `epsilon = 0.01` while its node leaves `epsilon` at the spec's default 1e-6.
class OptimizerConformanceTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"test_adagrad", "test_adagrad_multiple", "test_adam", "test_momentum",
            "test_momentum_multiple", "test_nesterov_momentum"})
    void passes(String name) {
        OnnxCase.assertCasePasses(OnnxCase.NODE_DATA.resolve(name), Tolerance.DEFAULT);
    }
}
