package dev.loupe.executor.kernels.quant;

import dev.loupe.executor.kernels.ml.OnnxCase;
import dev.loupe.executor.testdata.Tolerance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// The quantization kernels on their ONNX node test cases.
class QuantConformanceTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"test_quantizelinear", "test_quantizelinear_axis", "test_dequantizelinear",
            "test_dequantizelinear_axis", "test_dynamicquantizelinear", "test_dynamicquantizelinear_max_adjusted",
            "test_dynamicquantizelinear_min_adjusted", "test_qlinearconv", "test_qlinearmatmul_2D", "test_qlinearmatmul_3D",
            "test_matmulinteger", "test_convinteger_with_padding", "test_convinteger_without_padding", "test_basic_convinteger"})
    void passes(String name) {
        OnnxCase.assertCasePasses(OnnxCase.NODE_DATA.resolve(name), Tolerance.DEFAULT);
    }
}
