package dev.loupe.executor.compare;

import dev.loupe.executor.testdata.Tolerance;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/// The result of [Comparer#compare]: every node run with its observed and local errors, the graph outputs'
/// verdicts and the tree-ensemble findings. Immutable; safe to hand to another thread.
///
/// **Local vs inherited error.** A node's *observed* error compares its output in the run with the
/// reference. Its *local* error re-runs the node's kernel on the reference's inputs (rounded to the run's
/// input types) and compares that with the reference: error born in the node. The rest is inherited from
/// upstream ([OutputComparison#inheritedAbsError()]).
///
/// @param reference      what the run was compared against ([Reference#describe()])
/// @param nodes          every node run, in execution order
/// @param outputs        the graph's outputs, in the graph's order
/// @param trees          one entry per tree-ensemble node run
/// @param runNanos       wall time of the model's own run, comparisons included
/// @param referenceNanos wall time of producing the reference (the shadow run, the other model...)
public record ComparisonReport(String reference, Tolerance tolerance, List<NodeComparison> nodes,
                               List<OutputVerdict> outputs, List<TreePathReport> trees, long runNanos,
                               long referenceNanos) {

    public ComparisonReport {
        nodes = List.copyOf(nodes);
        outputs = List.copyOf(outputs);
        trees = List.copyOf(trees);
    }

    /// Every graph output within the tolerance (outputs without a reference count as passing).
    public boolean passed() {
        return outputs.stream().allMatch(OutputVerdict::passed);
    }

    /// The first node in execution order whose local error exceeds the tolerance: where the drift is born.
    public Optional<NodeComparison> firstDivergent() {
        return nodes.stream().filter(NodeComparison::locallyDivergent).findFirst();
    }

    /// The first computed node (not a constant, such as a `-inf` mask value) in execution order whose
    /// outputs hold a NaN or an infinity.
    public Optional<NodeComparison> firstNonFinite() {
        return nodes.stream().filter(n -> n.role() == NodeComparison.Role.COMPUTED && n.nonFinite() > 0).findFirst();
    }

    /// Nodes with a measured local error, worst first (by [NodeComparison#localScore()], then by local max
    /// abs error), at most `limit` of them.
    public List<NodeComparison> worstByLocalError(int limit) {
        return nodes.stream().filter(n -> n.localScore() >= 0)
                .sorted(Comparator.comparingDouble(NodeComparison::localScore)
                        .thenComparingDouble(n -> nanLast(n.localMaxAbsError())).reversed())
                .limit(limit).toList();
    }

    /// The first run of the node named `name` (node name, or display name for unnamed nodes).
    public Optional<NodeComparison> node(String name) {
        return nodes.stream().filter(n -> name.equals(n.name())).findFirst();
    }

    private static double nanLast(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }
}
