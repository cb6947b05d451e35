package dev.loupe.executor.kernels.signal;

import dev.loupe.executor.kernels.ml.OnnxCase;
import dev.loupe.executor.testdata.Tolerance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// DFT, STFT, the windows and MelWeightMatrix on their ONNX node test cases.
class SignalConformanceTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"test_dft", "test_dft_axis", "test_dft_inverse", "test_stft", "test_stft_with_window",
            "test_hannwindow", "test_hannwindow_symmetric", "test_hammingwindow", "test_hammingwindow_symmetric",
            "test_blackmanwindow", "test_blackmanwindow_symmetric", "test_melweightmatrix"})
    void passes(String name) {
        OnnxCase.assertCasePasses(OnnxCase.NODE_DATA.resolve(name), Tolerance.DEFAULT);
    }
}
