package dev.loupe.executor.compare;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/// A [ComparisonReport] as console text: the verdict, each output, the first divergent node, the first
/// NaN or infinity, a table of the nodes with the worst local error, nodes the shadow run could not
/// compute in double, and the tree-ensemble findings. Lines end with `\n`.
public final class ReportText {

    private static final int SPLITS_SHOWN = 10;
    private static final int SAMPLES_SHOWN = 40;

    private ReportText() {
    }

    /// The report with at most `worst` rows in the table of worst nodes.
    public static String render(ComparisonReport report, int worst) {
        var sb = new StringBuilder();
        var tol = report.tolerance();
        line(sb, "Compared with %s (rtol %s, atol %s): %s", report.reference(), number(tol.rtol()), number(tol.atol()),
                report.passed() ? "PASSED" : "FAILED");
        line(sb, "Run %.1f ms, reference %.1f ms", report.runNanos() / 1e6, report.referenceNanos() / 1e6);
        sb.append('\n').append("Outputs:\n");
        for (var o : report.outputs()) {
            line(sb, "  %-4s %s: %s", o.passed() ? "ok" : "FAIL", o.name(), o.discrepancy().summary());
        }
        sb.append('\n');
        report.firstDivergent().ifPresentOrElse(n -> line(sb, "First divergent node: %s (%s)%s, local %s", n.name(), n.opType(),
                        frame(n), worstLocal(n).summary()),
                () -> line(sb, "First divergent node: none (every node's local error is within tolerance or unknown)"));
        report.firstNonFinite().ifPresent(n -> line(sb, "First NaN/Inf: %s (%s)%s, %d values", n.name(), n.opType(), frame(n),
                n.nonFinite()));
        var rows = report.worstByLocalError(worst);
        if (!rows.isEmpty()) {
            sb.append('\n');
            table(sb, rows);
        }
        var notShadowed = report.nodes().stream().filter(n -> !n.shadowed()).map(NodeComparison::name).distinct().toList();
        if (!notShadowed.isEmpty()) {
            line(sb, "\nRan in float in the shadow run (no double kernel): %s", shorten(notShadowed));
        }
        for (var t : report.trees()) {
            sb.append('\n');
            tree(sb, t);
        }
        return sb.toString();
    }

    private static void table(StringBuilder sb, List<NodeComparison> rows) {
        line(sb, "Worst nodes by local error:");
        line(sb, "  %-4s %-40s %-20s %11s %11s %8s %11s %11s %s", "#", "node", "op", "local abs", "local rel", "ulps",
                "observed", "inherited", "outside");
        int i = 1;
        for (var n : rows) {
            var out = n.outputs().stream().max(Comparator.comparingDouble(o -> o.local().score())).orElseThrow();
            var local = out.local() instanceof Discrepancy.Measured(Metrics m) ? m : null;
            var observed = out.observed() instanceof Discrepancy.Measured(Metrics m) ? m : null;
            line(sb, "  %-4d %-40s %-20s %11s %11s %8s %11s %11s %s", i++, clip(n.name(), 40), clip(n.opType(), 20),
                    local == null ? "-" : number(local.maxAbsError()), local == null ? "-" : number(local.maxRelError()),
                    local == null || local.maxUlps() < 0 ? "-" : String.valueOf(local.maxUlps()),
                    observed == null ? "-" : number(observed.maxAbsError()), number(out.inheritedAbsError()),
                    local == null ? out.local().summary() : local.mismatches() + "/" + local.count());
        }
    }

    private static void tree(StringBuilder sb, TreePathReport t) {
        line(sb, "Tree ensemble %s (%s)%s, %s thresholds: %s", t.node().displayName(), t.node().opType(),
                t.frame().isRoot() ? "" : " in " + t.frame(), t.doubleThresholds() ? "double" : "float", t.explanation());
        line(sb, "  double thresholds would fix it: %s", t.fix().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (!t.changedSamples().isEmpty()) {
            line(sb, "  samples that changed path (%d): %s", t.changedSamples().size(), shorten(t.changedSamples()));
        }
        if (!t.atRiskSamples().equals(t.changedSamples())) {
            line(sb, "  samples at risk (%d): %s", t.atRiskSamples().size(), shorten(t.atRiskSamples()));
        }
        var shown = t.splits().stream()
                .filter(s -> t.changedSamples().isEmpty() || t.changedSamples().contains(s.sample()))
                .limit(SPLITS_SHOWN).toList();
        if (!shown.isEmpty()) {
            line(sb, "  splits (sample, tree, node, depth, feature: value vs threshold | other threshold, ULPs from each):");
        }
        for (var s : shown) {
            line(sb, "    sample %d, tree %d, node %d, depth %d, x[%d] = %s vs %s | %s, %+.2f | %+.2f ULPs -> %s branch",
                    s.sample(), s.treeId(), s.nodeId(), s.depth(), s.featureId(), exact(s.featureValue()), exact(s.threshold()),
                    exact(s.otherThreshold()), s.ulpsFromThreshold(), s.ulpsFromOther(), s.modelTakesTrueBranch() ? "true" : "false");
        }
        if (t.splits().size() > shown.size()) {
            line(sb, "    ... %d splits in all", t.splits().size());
        }
    }

    private static Discrepancy worstLocal(NodeComparison n) {
        return n.outputs().stream().map(OutputComparison::local).max(Comparator.comparingDouble(Discrepancy::score)).orElseThrow();
    }

    private static String frame(NodeComparison n) {
        return n.frame().isRoot() ? "" : " in " + n.frame();
    }

    private static String shorten(List<?> items) {
        var head = items.stream().limit(SAMPLES_SHOWN).map(String::valueOf).collect(Collectors.joining(", "));
        return items.size() > SAMPLES_SHOWN ? head + ", ... (" + items.size() + ")" : head;
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : "…" + s.substring(s.length() - width + 1);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String exact(double v) {
        return Double.isFinite(v) ? new BigDecimal(v).stripTrailingZeros().toPlainString() : String.valueOf(v);
    }

    private static void line(StringBuilder sb, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
