package dev.loupe.executor.compare;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/// A [ComparisonReport] as plain maps, lists, strings, numbers and booleans, ready for a JSON writer.
/// Keys keep a fixed order; numbers may be NaN or infinite (a writer must spell them, e.g. as strings);
/// absent things are `null`.
///
/// Top level: `reference`, `rtol`, `atol`, `passed`, `runMillis`, `referenceMillis`, `outputs`,
/// `firstDivergent`, `firstNonFinite`, `worstNodes` (node entries, worst local error first), `trees`,
/// `nodes` (every node run in execution order). A node entry has `order`, `node`, `op`, `domain`, `frame`,
/// `role`, `shadowed` and `outputs`, each with `name`, `value`, `nonFinite`, `observed`, `local` and
/// `inheritedAbsError`. A comparison (`observed`, `local`, an output's `result`) has `status`
/// (`measured`, `incomparable` or `unavailable`), then the [Metrics] fields, the reason, or why.
public final class ReportMaps {

    private ReportMaps() {
    }

    /// The whole report; `worst` limits the `worstNodes` list.
    public static Map<String, Object> toMap(ComparisonReport report, int worst) {
        var m = new LinkedHashMap<String, Object>();
        m.put("reference", report.reference());
        m.put("rtol", report.tolerance().rtol());
        m.put("atol", report.tolerance().atol());
        m.put("passed", report.passed());
        m.put("runMillis", report.runNanos() / 1e6);
        m.put("referenceMillis", report.referenceNanos() / 1e6);
        m.put("outputs", report.outputs().stream().map(ReportMaps::output).toList());
        m.put("firstDivergent", report.firstDivergent().map(ReportMaps::node).orElse(null));
        m.put("firstNonFinite", report.firstNonFinite().map(ReportMaps::node).orElse(null));
        m.put("worstNodes", report.worstByLocalError(worst).stream().map(ReportMaps::node).toList());
        m.put("trees", report.trees().stream().map(ReportMaps::tree).toList());
        m.put("nodes", report.nodes().stream().map(ReportMaps::node).toList());
        return m;
    }

    /// One graph output's verdict.
    public static Map<String, Object> output(OutputVerdict o) {
        var m = new LinkedHashMap<String, Object>();
        m.put("name", o.name());
        m.put("passed", o.passed());
        m.put("result", discrepancy(o.discrepancy()));
        return m;
    }

    /// One node run.
    public static Map<String, Object> node(NodeComparison n) {
        var m = new LinkedHashMap<String, Object>();
        m.put("order", n.order());
        m.put("node", n.name());
        m.put("op", n.opType());
        m.put("domain", n.node().canonicalDomain());
        m.put("frame", n.frame().toString());
        m.put("role", n.role().name().toLowerCase(Locale.ROOT));
        m.put("shadowed", n.shadowed());
        m.put("outputs", n.outputs().stream().map(o -> {
            var out = new LinkedHashMap<String, Object>();
            out.put("name", o.name());
            out.put("value", o.value());
            out.put("nonFinite", o.nonFinite());
            out.put("observed", discrepancy(o.observed()));
            out.put("local", discrepancy(o.local()));
            out.put("inheritedAbsError", o.inheritedAbsError());
            return (Object) out;
        }).toList());
        return m;
    }

    /// One comparison.
    public static Map<String, Object> discrepancy(Discrepancy d) {
        var m = new LinkedHashMap<String, Object>();
        switch (d) {
            case Discrepancy.Measured(Metrics x) -> {
                m.put("status", "measured");
                m.put("passed", x.passed());
                m.put("actualType", x.actualType().onnxName());
                m.put("referenceType", x.referenceType().onnxName());
                m.put("shape", Arrays.stream(x.shape()).boxed().toList());
                m.put("count", x.count());
                m.put("mismatches", x.mismatches());
                m.put("maxAbsError", x.maxAbsError());
                m.put("maxRelError", x.maxRelError());
                m.put("meanAbsError", x.meanAbsError());
                m.put("cosineSimilarity", x.cosineSimilarity());
                m.put("sqnrDb", x.sqnrDb());
                m.put("maxUlps", x.maxUlps());
                m.put("maxUlpsAt", x.position(x.maxUlpsIndex()));
                m.put("actualNaN", x.actualNaN());
                m.put("actualInf", x.actualInf());
                m.put("referenceNaN", x.referenceNaN());
                m.put("referenceInf", x.referenceInf());
                m.put("worstAt", x.worstPosition());
                m.put("worstRatio", x.worstRatio());
                m.put("worstActual", x.worstActual());
                m.put("worstReference", x.worstReference());
            }
            case Discrepancy.Incomparable(var reason, var actual, var reference) -> {
                m.put("status", "incomparable");
                m.put("reason", reason.name().toLowerCase(Locale.ROOT));
                m.put("actual", actual);
                m.put("reference", reference);
            }
            case Discrepancy.Unavailable(var why) -> {
                m.put("status", "unavailable");
                m.put("why", why);
            }
        }
        return m;
    }

    /// One tree-ensemble finding.
    public static Map<String, Object> tree(TreePathReport t) {
        var m = new LinkedHashMap<String, Object>();
        m.put("node", t.node().displayName());
        m.put("op", t.node().opType());
        m.put("frame", t.frame().toString());
        m.put("doubleThresholds", t.doubleThresholds());
        m.put("basis", t.basis().name());
        m.put("fix", t.fix().name());
        m.put("explanation", t.explanation());
        m.put("samples", t.samples());
        m.put("changedSamples", t.changedSamples());
        m.put("atRiskSamples", t.atRiskSamples());
        m.put("mismatchedSamples", t.mismatchedSamples());
        m.put("splits", t.splits().stream().map(ReportMaps::split).toList());
        return m;
    }

    private static Object split(SplitChange s) {
        var m = new LinkedHashMap<String, Object>();
        m.put("sample", s.sample());
        m.put("tree", s.treeId());
        m.put("node", s.nodeId());
        m.put("depth", s.depth());
        m.put("feature", s.featureId());
        m.put("value", s.featureValue());
        m.put("threshold", s.threshold());
        m.put("otherThreshold", s.otherThreshold());
        m.put("ulpsFromThreshold", s.ulpsFromThreshold());
        m.put("ulpsFromOther", s.ulpsFromOther());
        m.put("modelTakesTrueBranch", s.modelTakesTrueBranch());
        return m;
    }
}
