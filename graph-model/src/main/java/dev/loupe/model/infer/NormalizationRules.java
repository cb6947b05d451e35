package dev.loupe.model.infer;

import dev.loupe.model.ElementType;
import java.util.ArrayList;

/// Normalizations with statistics outputs (`BatchNormalization`, `LayerNormalization`) and the losses
/// (`SoftmaxCrossEntropyLoss`, `NegativeLogLikelihoodLoss`), whose output shape depends on `reduction`.
final class NormalizationRules {

    private NormalizationRules() {
    }

    static void register(Rules r) {
        r.add(NormalizationRules::batchNorm, "BatchNormalization");
        r.add(NormalizationRules::layerNorm, "LayerNormalization");
        r.add(c -> {
            loss(c, 1);
            if (c.outputCount() > 1) {
                c.copy(0, 1);
            }
        }, "SoftmaxCrossEntropyLoss");
        r.add(c -> loss(c, 1), "NegativeLogLikelihoodLoss");
    }

    private static void batchNorm(NodeContext c) {
        c.copy(0, 0);
        // Running or saved statistics, one value per channel, typed like the running mean.
        for (int i = 1; i < c.outputCount(); i++) {
            c.set(i, c.elem(3) != null ? c.elem(3) : c.elem(1), c.shape(3) != null ? c.shape(3) : c.shape(1));
        }
    }

    private static void layerNorm(NodeContext c) {
        c.copy(0, 0);
        var in = c.shape(0);
        var stash = c.typeAttr("stash_type", ElementType.FLOAT);
        if (in == null) {
            c.setElem(1, stash);
            c.setElem(2, stash);
            return;
        }
        int axis = Shapes.normalizeAxis(c.intAttr("axis", -1), in.rank());
        if (axis < 0) {
            c.problem("axis " + c.intAttr("axis", -1) + " is out of range for input of rank " + in.rank());
            return;
        }
        var dims = new ArrayList<>(in.dims());
        for (int i = axis; i < dims.size(); i++) {
            dims.set(i, Dims.ONE);
        }
        c.set(1, stash, dims);
        c.set(2, stash, dims);
    }

    /// The loss: the target's shape without reduction, a scalar with `mean` or `sum`.
    private static void loss(NodeContext c, int target) {
        var reduction = c.stringAttr("reduction", "mean");
        c.set(0, c.elem(0), reduction.equals("none") ? c.shape(target) : Shapes.scalar());
    }
}
