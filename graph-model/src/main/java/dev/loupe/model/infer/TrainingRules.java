package dev.loupe.model.infer;

import dev.loupe.model.OpsetId;

/// The optimizers and `Gradient` of `ai.onnx.preview.training`: each new tensor has the type of the
/// tensor it replaces; each gradient has the type of the value it differentiates by.
final class TrainingRules {

    private TrainingRules() {
    }

    static void register(Rules r) {
        // Inputs are R, T, then n tensors per group; outputs are the updated groups, in order.
        r.addIn(OpsetId.TRAINING, c -> optimizer(c, 3, 0, 2), "Adagrad");
        r.addIn(OpsetId.TRAINING, c -> optimizer(c, 4, 0, 2, 3), "Adam");
        r.addIn(OpsetId.TRAINING, c -> optimizer(c, 3, 0, 2), "Momentum");
        r.addIn(OpsetId.TRAINING, TrainingRules::gradient, "Gradient");
    }

    /// @param groups how many groups of n inputs follow R and T
    /// @param updated which input groups the output groups update, in output order
    private static void optimizer(NodeContext c, int groups, int... updated) {
        int n = (c.inputCount() - 2) / groups;
        for (int g = 0; g < updated.length; g++) {
            for (int i = 0; i < n; i++) {
                c.copy(2 + updated[g] * n + i, g * n + i);
            }
        }
    }

    private static void gradient(NodeContext c) {
        if (!(c.attr("xs") != null && c.attr("xs").value() instanceof dev.loupe.model.AttributeValue.Strings(var xs))) {
            return;
        }
        for (int i = 0; i < xs.size() && i < c.outputCount(); i++) {
            c.set(i, c.typeOfName(new String(xs.get(i), java.nio.charset.StandardCharsets.UTF_8)));
        }
    }
}
