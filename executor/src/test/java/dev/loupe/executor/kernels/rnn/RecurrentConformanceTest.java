package dev.loupe.executor.kernels.rnn;

import dev.loupe.executor.kernels.ml.OnnxCase;
import dev.loupe.executor.testdata.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// RNN, GRU and LSTM on their ONNX node test cases and a PyTorch fixture.
class RecurrentConformanceTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"test_rnn_seq_length", "test_simple_rnn_batchwise", "test_simple_rnn_defaults",
            "test_simple_rnn_with_initial_bias", "test_gru_batchwise", "test_gru_defaults", "test_gru_seq_length",
            "test_gru_with_initial_bias", "test_lstm_batchwise", "test_lstm_defaults", "test_lstm_with_initial_bias",
            "test_lstm_with_peepholes"})
    void passes(String name) {
        OnnxCase.assertCasePasses(OnnxCase.NODE_DATA.resolve(name), Tolerance.DEFAULT);
    }

    /// A two-layer LSTM exported by PyTorch, against PyTorch's own outputs.
    @Test
    void pytorchLstmMatchesPytorch() {
        OnnxCase.fixture("torch_lstm").assertPasses(1e-4, 1e-5);
    }
}
