package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.tensor.MapValue;
import dev.loupe.executor.tensor.OptionalValue;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.SequenceValue;
import dev.loupe.executor.tensor.TensorConversion;
import dev.loupe.executor.testdata.CaseResult;
import dev.loupe.executor.testdata.TestDataRunner;
import dev.loupe.executor.testdata.Tolerance;
import dev.loupe.model.DataValue;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import dev.loupe.model.io.ModelReader;
import dev.loupe.model.io.ProtoCodec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/// A case in the ONNX test layout (`model.onnx`, `test_data_set_0/input_K.pb`, `output_K.pb`) whose outputs a
/// kernel test wants to inspect itself (whole-case pass/fail is the test-data runner's job).
public record OnnxCase(Path dir, Model model, List<RuntimeValue> inputs, List<RuntimeValue> expected) {

    /// The node test cases of the ONNX distribution.
    public static final Path NODE_DATA = Path.of("/usr/share/libonnx-testdata/data/node");

    /// The team's real-model fixtures, relative to the executor module.
    public static final Path FIXTURES = Path.of("../src/test/resources/fixtures");

    public static final KernelContext CONTEXT = new KernelContext() {
        @Override
        public void checkCancelled() {
        }

        @Override
        public RuntimeValue[] runSubgraph(Graph body, RuntimeValue[] in) {
            throw new UnsupportedOperationException("no subgraphs in kernel tests");
        }

        @Override
        public int threads() {
            return 1;
        }
    };

    public static OnnxCase node(String name) {
        return load(NODE_DATA.resolve(name));
    }

    public static OnnxCase fixture(String name) {
        return load(FIXTURES.resolve(name));
    }

    public static OnnxCase load(Path dir) {
        try {
            var model = ModelReader.read(dir.resolve("model.onnx"));
            var graph = model.graph();
            var data = dir.resolve("test_data_set_0");
            var ins = new ArrayList<RuntimeValue>();
            var feeds = graph.inputs().stream().filter(v -> !v.isInitializer()).toList();
            for (int i = 0; i < feeds.size(); i++) {
                var f = data.resolve("input_" + i + ".pb");
                ins.add(toRuntime(ProtoCodec.dataValueFromBytes(Files.readAllBytes(f), feeds.get(i).type())));
            }
            var outs = new ArrayList<RuntimeValue>();
            for (int i = 0; i < graph.outputs().size(); i++) {
                var f = data.resolve("output_" + i + ".pb");
                outs.add(toRuntime(ProtoCodec.dataValueFromBytes(Files.readAllBytes(f), graph.outputs().get(i).type())));
            }
            return new OnnxCase(dir, model, ins, outs);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + dir + ": " + e.getMessage(), e);
        }
    }

    /// Runs the model in a [Session] with this case's inputs.
    public List<RuntimeValue> run() {
        return run(inputs);
    }

    /// Runs the model in a [Session] with the given inputs, in the order of the graph's non-initializer inputs.
    public List<RuntimeValue> run(List<RuntimeValue> feed) {
        var graph = model.graph();
        var feeds = graph.inputs().stream().filter(v -> !v.isInitializer()).toList();
        var named = new LinkedHashMap<String, RuntimeValue>();
        for (int i = 0; i < feeds.size(); i++) {
            named.put(feeds.get(i).name(), feed.get(i));
        }
        var result = Session.create(model).run(named);
        return graph.outputs().stream().map(v -> result.output(v.name())).toList();
    }

    /// Runs this case with the test-data runner and checks that it passes at the given tolerance.
    public void assertPasses(double rtol, double atol) {
        assertCasePasses(dir, new Tolerance(rtol, atol));
    }

    /// Runs the case folder `dir` with the test-data runner and checks that it passes.
    public static void assertCasePasses(Path dir, Tolerance tolerance) {
        try {
            var report = TestDataRunner.run(dir, tolerance, r -> { });
            assertThat(report.cases()).hasSize(1);
            var result = report.cases().getFirst();
            assertThat(result).as(result.line()).isInstanceOf(CaseResult.Pass.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static RuntimeValue toRuntime(DataValue v) {
        return switch (v) {
            case DataValue.TensorValue t -> TensorConversion.fromTensorData(t.tensor());
            case DataValue.SequenceValue s -> new SequenceValue(s.elements().stream().map(OnnxCase::toRuntime).toList(), null);
            case DataValue.MapValue m -> new MapValue(TensorConversion.fromTensorData(m.keys()),
                    m.values().stream().map(OnnxCase::toRuntime).toList());
            case DataValue.OptionalValue o -> new OptionalValue(o.value() == null ? null : toRuntime(o.value()));
        };
    }
}
