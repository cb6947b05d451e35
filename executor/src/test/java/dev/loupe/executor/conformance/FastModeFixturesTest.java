package dev.loupe.executor.conformance;

import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.session.Benchmark;
import dev.loupe.executor.session.ExecutionMode;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.session.SessionOptions;
import dev.loupe.executor.simd.VectorSupport;
import dev.loupe.executor.testdata.CaseResult;
import dev.loupe.executor.testdata.TestDataRunner;
import dev.loupe.model.io.ModelReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/// The real exported models (`src/test/resources/fixtures`, each read from its file, so weights come from the
/// mapping) against their frameworks' outputs in both modes: a fast plan packs their weights into the kernels
/// and reads embedding tables in place, and must pass exactly the cases the debug mode passes. The cases
/// failing by design fail in both: `torch_mlp_broken` (an edited model checked against the original's
/// outputs) and `sklearn_rf_float` (float thresholds send some samples to other leaves than scikit-learn's
/// doubles; see the fixtures' README).
class FastModeFixturesTest {

    private static final Path FIXTURES = Path.of("../src/test/resources/fixtures");

    @Test
    void everyFixturePassingInDebugPassesInFast() throws IOException {
        var debug = verdicts(ExecutionMode.DEBUG);
        var fast = verdicts(ExecutionMode.FAST);
        assertThat(fast).isEqualTo(debug);
        assertThat(debug).containsEntry("torch_mlp_broken", false).containsEntry("sklearn_rf_float", false)
                .containsEntry("torch_transformer", true).containsEntry("torch_gpt_decoder", true)
                .containsEntry("torch_cnn_bn", true).containsEntry("torch_resnet_block", true)
                .containsEntry("torch_lstm", true).containsEntry("torch_mlp", true)
                .containsEntry("torch_mobilenet_block", true);
    }

    /// The MobileNet fixture's two expansions each run as one step with their depthwise layers
    /// ([dev.loupe.executor.kernels.nn.ExpandedDepthwiseKernel]): two convolutions fewer report a step of their
    /// own (a fused step reports its first node).
    @Test
    void mobileNetExpansionsRunWithTheirDepthwiseLayers() throws IOException {
        assumeTrue(VectorSupport.enabled(), "the fusion needs the vector kernels");
        try (var model = ModelReader.read(FIXTURES.resolve("torch_mobilenet_block/model.onnx"))) {
            long convolutions = model.graph().nodes().stream().filter(n -> n.opType().equals("Conv")).count();
            var session = Session.create(model, BuiltinKernels.registry(), SessionOptions.defaults().withMode(ExecutionMode.FAST));
            var steps = session.run(Benchmark.randomInputs(session, 1)).nodeStats();
            assertThat(steps.stream().filter(s -> s.node().opType().equals("Conv")).count()).isEqualTo(convolutions - 2);
        }
    }

    /// Whether each fixture passed (skipped ones left out).
    private static Map<String, Boolean> verdicts(ExecutionMode mode) throws IOException {
        var defaults = TestDataRunner.Options.defaults();
        var options = new TestDataRunner.Options(defaults.tolerance(), defaults.session().withMode(mode), defaults.caseTimeout());
        var verdicts = new TreeMap<String, Boolean>();
        for (var r : TestDataRunner.run(FIXTURES, options, BuiltinKernels.registry(), c -> { }).cases()) {
            if (!(r instanceof CaseResult.Skipped)) {
                verdicts.put(r.name(), r instanceof CaseResult.Pass);
            }
        }
        return verdicts;
    }
}
