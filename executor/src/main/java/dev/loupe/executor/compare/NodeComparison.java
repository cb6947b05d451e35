package dev.loupe.executor.compare;

import dev.loupe.executor.session.FramePath;
import dev.loupe.model.Node;

import java.util.List;

/// One node run and how its outputs compare with the reference.
///
/// @param order    position in execution order, counting every node run at every depth from 0 (a node
///                 inside a loop body appears once per iteration, with its own frame)
/// @param node     the node that ran (for nodes of an expanded function body, the expanded copy)
/// @param frame    where it ran
/// @param role     whether its outputs are computed from the inputs or are constants
/// @param shadowed for a [Reference.Float64Shadow] comparison: whether the shadow run computed it in double
///                 (`false` when its kernel does not take double and ran in float); `true` otherwise
public record NodeComparison(int order, Node node, FramePath frame, Role role, boolean shadowed,
                             List<OutputComparison> outputs) {

    /// What a node's outputs depend on.
    public enum Role {
        /// Computed from the graph's inputs.
        COMPUTED,
        /// Computed from initializers and constants only (a `Constant` node, a folded constant chain): part
        /// of the model's parameters. A difference in them is charged to the first computed node that reads
        /// them, so they are never the first divergent node.
        CONSTANT
    }

    public NodeComparison {
        outputs = List.copyOf(outputs);
    }

    public String name() {
        return node.displayName();
    }

    public String opType() {
        return node.opType();
    }

    /// The worst [Discrepancy#score()] of the outputs' local errors (-1 when none was measured).
    public double localScore() {
        return outputs.stream().mapToDouble(o -> o.local().score()).max().orElse(-1);
    }

    /// The worst [Discrepancy#score()] of the outputs' observed errors (-1 when none was measured).
    public double observedScore() {
        return outputs.stream().mapToDouble(o -> o.observed().score()).max().orElse(-1);
    }

    /// The largest local max abs error over the outputs (NaN when none was measured).
    public double localMaxAbsError() {
        return outputs.stream().map(OutputComparison::local).filter(d -> d instanceof Discrepancy.Measured)
                .mapToDouble(d -> ((Discrepancy.Measured) d).metrics().maxAbsError()).max().orElse(Double.NaN);
    }

    /// Whether the node itself, fed the reference's inputs, lands outside the tolerance.
    public boolean locallyDivergent() {
        return outputs.stream().anyMatch(o -> o.local().exceeds());
    }

    /// Whether its outputs, as the run computed them, are outside the tolerance.
    public boolean observedDivergent() {
        return outputs.stream().anyMatch(o -> o.observed().exceeds());
    }

    /// NaNs and infinities over its outputs.
    public long nonFinite() {
        return outputs.stream().mapToLong(OutputComparison::nonFinite).sum();
    }
}
