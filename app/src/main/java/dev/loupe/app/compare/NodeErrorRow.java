package dev.loupe.app.compare;

import dev.loupe.executor.compare.Discrepancy;
import dev.loupe.executor.compare.Metrics;
import dev.loupe.executor.compare.NodeComparison;
import dev.loupe.executor.compare.OutputComparison;
import java.util.Comparator;

/// One row of the comparison table: a node run, with the errors of its worst output (by local error).
/// Numbers are NaN where nothing was measured.
///
/// @param order         position in execution order
/// @param where         the frame, empty in the main graph
/// @param output        the output the numbers are about
/// @param localAbs      max abs error of the node fed the reference's inputs: error born here
/// @param localRel      max rel error likewise
/// @param localScore    how far outside the tolerance the local error is (1 is the limit; -1 unmeasured)
/// @param observedAbs   max abs error of the run's own value
/// @param observedScore how far outside the tolerance the run's value is (-1 unmeasured)
/// @param inheritedAbs  observed minus local max abs error: error passed on from upstream
/// @param ulps          the largest ULP distance of the local error (-1 when not computed)
/// @param outside       elements outside the tolerance, e.g. `16/16`, or why nothing was measured
/// @param verdict       `born here`, `inherited`, `constant differs` (charged to its first computed reader),
///                      `NaN/Inf`, `ok` or `-`
public record NodeErrorRow(int order, String name, String opType, String where, String output, double localAbs,
                           double localRel, double localScore, double observedAbs, double observedScore,
                           double inheritedAbs, long ulps, String outside, String verdict, NodeComparison node) {

    static NodeErrorRow of(NodeComparison n) {
        var out = n.outputs().stream().max(Comparator.comparingDouble((OutputComparison o) -> o.local().score())
                .thenComparingDouble(o -> o.observed().score())).orElse(null);
        Metrics local = out != null && out.local() instanceof Discrepancy.Measured(Metrics m) ? m : null;
        Metrics observed = out != null && out.observed() instanceof Discrepancy.Measured(Metrics m) ? m : null;
        String verdict;
        if (n.role() == NodeComparison.Role.COMPUTED && n.nonFinite() > 0) {
            verdict = "NaN/Inf";
        } else if (n.role() == NodeComparison.Role.CONSTANT && n.observedDivergent()) {
            verdict = "constant differs";
        } else if (n.locallyDivergent()) {
            verdict = "born here";
        } else if (n.observedDivergent()) {
            verdict = "inherited";
        } else if (n.localScore() >= 0 || n.observedScore() >= 0) {
            verdict = "ok";
        } else {
            verdict = "-";
        }
        return new NodeErrorRow(n.order(), n.name(), n.opType(), n.frame().isRoot() ? "" : n.frame().toString(),
                out == null ? "" : out.name(),
                local == null ? Double.NaN : local.maxAbsError(), local == null ? Double.NaN : local.maxRelError(),
                n.localScore(), observed == null ? Double.NaN : observed.maxAbsError(), n.observedScore(),
                out == null ? Double.NaN : out.inheritedAbsError(), local == null ? -1 : local.maxUlps(),
                local != null ? local.mismatches() + "/" + local.count() : out == null ? "-" : out.local().summary(),
                verdict, n);
    }
}
