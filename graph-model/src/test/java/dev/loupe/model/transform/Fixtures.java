package dev.loupe.model.transform;

import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.io.ModelWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/// The exported fixtures the transformation tests use, and selections in them.
final class Fixtures {

    static final Path ROOT = Path.of("../src/test/resources/fixtures");
    static final Path TRANSFORMER = ROOT.resolve("torch_transformer/model.onnx");
    static final Path RESNET = ROOT.resolve("torch_resnet_block/model.onnx");
    static final Path MLP = ROOT.resolve("torch_mlp/model.onnx");
    static final Path GPT = ROOT.resolve("torch_gpt_decoder/model.onnx");

    private Fixtures() {
    }

    /// The nodes of encoder layer `k` of the transformer: those named `/enc/layers.k/...`, less those whose
    /// outputs other layers read too (the exporter computes the unsqueezed causal mask once, in layer 0) and
    /// the constants that fed only those, plus the unscoped `Constant` nodes only the layer reads.
    static List<Node> encoderLayer(Model model, int k) {
        var prefix = "/enc/layers." + k + "/";
        var layer = new ArrayList<Node>();
        for (var n : model.graph().nodes()) {
            if (n.name() != null && n.name().startsWith(prefix) && !readByOtherLayers(n, prefix)) {
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

    private static boolean readByOtherLayers(Node n, String prefix) {
        return n.outputs().stream().flatMap(v -> v.consumers().stream())
                .anyMatch(c -> c.name() != null && c.name().startsWith("/enc/layers.") && !c.name().startsWith(prefix));
    }

    static Node node(Model model, String name) {
        return model.graph().nodes().stream().filter(n -> name.equals(n.name())).findFirst().orElseThrow();
    }

    static byte[] bytes(Model model) throws Exception {
        return ModelWriter.toBytes(model);
    }
}
