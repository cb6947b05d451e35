package dev.loupe.executor.transform;

import dev.loupe.executor.io.InputLoader;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.testdata.Tolerance;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/// Fixtures, their first data sets and the tolerances their README gives.
final class TransformRuns {

    static final Path ROOT = Path.of("../src/test/resources/fixtures");
    static final Tolerance FIXTURE = new Tolerance(1e-4, 1e-5);
    static final Tolerance GPT = new Tolerance(1e-4, 1e-4);
    /// Rewrites that keep every operator (functions, inlining) may only reorder work: results agree closely.
    static final Tolerance REWRITE = new Tolerance(1e-5, 1e-6);

    private TransformRuns() {
    }

    static Path model(String fixture) {
        return ROOT.resolve(fixture).resolve("model.onnx");
    }

    static Map<String, RuntimeValue> inputs(Model model, String fixture) throws Exception {
        return Equivalence.inputs(model, ROOT.resolve(fixture).resolve("test_data_set_0"));
    }

    /// The expected outputs the framework computed, by output name.
    static Map<String, RuntimeValue> expected(Model model, String fixture) throws Exception {
        var dir = ROOT.resolve(fixture).resolve("test_data_set_0");
        var out = new java.util.LinkedHashMap<String, RuntimeValue>();
        var files = InputLoader.numbered(dir, "output");
        for (int i = 0; i < files.size(); i++) {
            var v = model.graph().outputs().get(i);
            out.put(v.name(), InputLoader.readValue(files.get(i), v.type()));
        }
        return out;
    }

    /// Encoder layer `k` of `torch_transformer`: its `/enc/layers.k/` nodes less those other layers read
    /// too (the unsqueezed causal mask, computed once in layer 0) and the constants only those read, plus
    /// the unscoped `Constant` nodes only the layer reads.
    static List<Node> encoderLayer(Model model, int k) {
        var prefix = "/enc/layers." + k + "/";
        var layer = new ArrayList<Node>();
        for (var n : model.graph().nodes()) {
            if (n.name().startsWith(prefix) && n.outputs().stream().flatMap(v -> v.consumers().stream())
                    .noneMatch(c -> c.name().startsWith("/enc/layers.") && !c.name().startsWith(prefix))) {
                layer.add(n);
            }
        }
        layer.removeIf(n -> n.opType().equals("Constant") && !n.output(0).consumers().stream().allMatch(layer::contains));
        for (var n : model.graph().nodes()) {
            if (n.opType().equals("Constant") && !layer.contains(n) && !n.output(0).consumers().isEmpty()
                    && n.output(0).consumers().stream().allMatch(layer::contains)) {
                layer.add(n);
            }
        }
        return layer;
    }

    static long count(Model model, String opType) {
        return model.graph().nodes().stream().filter(n -> n.opType().equals(opType)).count();
    }
}
