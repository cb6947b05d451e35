package dev.loupe.executor.compare;

import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.ml.SplitDivergence;
import dev.loupe.executor.kernels.ml.ThresholdPrecision;
import dev.loupe.executor.kernels.ml.TreeEnsemble;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.tensor.TensorConversion;
import dev.loupe.executor.testdata.Tolerance;
import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.Node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/// Builds the [TreePathReport] of a tree-ensemble node run, choosing the [TreePathReport.Basis] by what
/// is known: the model's own double thresholds, a reference model's double thresholds that round to the
/// model's floats, or else the rounding interval of each float threshold (probed with two copies of the
/// ensemble whose thresholds are moved just under half a float ULP down and up: doubles that still round
/// to the stored floats).
final class TreePathAnalysis {

    private static final double NUDGE = 0.49;
    private static final String THRESHOLDS = "nodes_values";

    private TreePathAnalysis() {
    }

    static boolean isTreeEnsemble(Node node) {
        return node.canonicalDomain().equals("ai.onnx.ml")
                && (node.opType().equals("TreeEnsembleClassifier") || node.opType().equals("TreeEnsembleRegressor"));
    }

    static TreePathReport analyse(NodeObserver.TreeRun run, ReferenceValues refs, Tolerance tol) {
        var spec = run.spec();
        var ensemble = TreeEnsemble.of(spec);
        var x = run.x();
        int samples = x.rank() <= 1 ? 1 : (int) x.dim(0);
        var mismatched = mismatchedRows(run, samples, tol);
        boolean hasReference = run.references().stream().anyMatch(r -> r != null);
        if (ensemble.hasDoubleThresholds()) {
            var splits = changes(ensemble.compare(x, ThresholdPrecision.DOUBLE, ThresholdPrecision.FLOAT), true);
            var rows = rows(splits);
            return new TreePathReport(spec.node(), run.frame(), true, TreePathReport.Basis.OWN_DOUBLE_THRESHOLDS, samples,
                    rows, rows, mismatched, splits, TreePathReport.Fix.ALREADY_DOUBLE, String.format(Locale.ROOT,
                    "Thresholds are stored in double (ai.onnx.ml opset 3); rounded to float, %d of %d samples would take "
                            + "another path.", rows.size(), samples));
        }
        var referenceTree = referenceEnsemble(run, refs);
        if (referenceTree != null) {
            var splits = changes(referenceTree.compare(x, ThresholdPrecision.DOUBLE, ThresholdPrecision.FLOAT), false);
            var rows = rows(splits);
            var unexplained = mismatched.stream().filter(r -> !rows.contains(r)).toList();
            var fix = rows.isEmpty() && mismatched.isEmpty() ? TreePathReport.Fix.NOT_NEEDED
                    : unexplained.isEmpty() ? TreePathReport.Fix.YES : TreePathReport.Fix.NO;
            return new TreePathReport(spec.node(), run.frame(), false, TreePathReport.Basis.REFERENCE_THRESHOLDS, samples,
                    rows, rows, mismatched, splits, fix, String.format(Locale.ROOT,
                    "%d of %d samples take another path than with the reference's double thresholds, at splits whose "
                            + "float threshold passes the sample's value. %s", rows.size(), samples, verdict(fix, unexplained.size())));
        }
        var splits = atRiskSplits(spec, x);
        var atRisk = rows(splits);
        var changed = mismatched.stream().filter(atRisk::contains).toList();
        int unexplained = mismatched.size() - changed.size();
        var fix = !hasReference ? (atRisk.isEmpty() ? TreePathReport.Fix.NOT_NEEDED : TreePathReport.Fix.UNKNOWN)
                : mismatched.isEmpty() ? TreePathReport.Fix.NOT_NEEDED
                : unexplained == 0 ? TreePathReport.Fix.YES : TreePathReport.Fix.NO;
        var text = !hasReference
                ? String.format(Locale.ROOT, "%d of %d samples have a value within half a float ULP of a float threshold on "
                        + "their path; without reference values for this node it is unknown whether they changed path.",
                atRisk.size(), samples)
                : String.format(Locale.ROOT, "%d of %d samples disagree with the reference; %d of them have a value within "
                        + "half a float ULP of a float threshold on their path (%d samples are at risk in all). %s",
                mismatched.size(), samples, changed.size(), atRisk.size(), verdict(fix, unexplained));
        return new TreePathReport(spec.node(), run.frame(), false, TreePathReport.Basis.ROUNDING_INTERVAL, samples,
                changed, atRisk, mismatched, splits, fix, text);
    }

    private static String verdict(TreePathReport.Fix fix, int unexplained) {
        return switch (fix) {
            case YES -> "Storing the thresholds in double (nodes_values_as_tensor, ai.onnx.ml opset 3) would fix it.";
            case NO -> unexplained + " disagreeing samples have no split at risk: threshold precision does not explain them.";
            default -> "No sample depends on the threshold precision.";
        };
    }

    /// Rows (first axis) of the node's outputs that have an element outside the tolerance.
    private static List<Integer> mismatchedRows(NodeObserver.TreeRun run, int samples, Tolerance tol) {
        var rows = new TreeSet<Integer>();
        for (int i = 0; i < run.outputs().size(); i++) {
            RuntimeValue out = run.outputs().get(i);
            RuntimeValue ref = run.references().get(i);
            if (out instanceof Tensor a && ref instanceof Tensor b && a.rank() > 0 && a.dim(0) == samples
                    && Discrepancy.of(a, b, tol) instanceof Discrepancy.Measured) {
                int perRow = Math.max(1, a.size() / samples);
                MetricsCalculator.failing(a, b, tol).stream().forEach(flat -> rows.add(flat / perRow));
            }
        }
        return List.copyOf(rows);
    }

    /// The matching tree node of a reference model, when it stores double thresholds whose float rounding
    /// is exactly this node's thresholds (same trees, nodes and order); else `null`.
    private static TreeEnsemble referenceEnsemble(NodeObserver.TreeRun run, ReferenceValues refs) {
        var node = run.spec().node();
        var model = refs.model();
        if (model == null || model == run.spec().model() || !run.frame().isRoot()) {
            return null;
        }
        var out = node.outputs().stream().filter(v -> v != null).findFirst();
        var refName = out.map(v -> refs.referenceName(v.name())).orElse(null);
        var value = refName == null ? null : model.graph().value(refName);
        var producer = value == null ? null : value.producer();
        if (producer == null || !isTreeEnsemble(producer) || !producer.opType().equals(node.opType())) {
            return null;
        }
        var refSpec = new NodeSpec(producer, model.opsetVersion(producer.canonicalDomain()).orElse(1L), model);
        var own = run.spec().floatsAttr(THRESHOLDS, null);
        var theirs = refSpec.tensorAttr(THRESHOLDS + "_as_tensor").map(TensorConversion::fromTensorData).orElse(null);
        if (own == null || theirs == null || theirs.size() != own.length) {
            return null;
        }
        for (int i = 0; i < own.length; i++) {
            if ((float) theirs.getDouble(i) != own[i]) {
                return null;
            }
        }
        return TreeEnsemble.of(refSpec);
    }

    /// The first split of each sample's path, per tree, where some double rounding to the stored float
    /// threshold would send the sample the other way.
    private static List<SplitChange> atRiskSplits(NodeSpec spec, Tensor x) {
        var first = new LinkedHashMap<List<Long>, SplitDivergence>();
        for (double direction : new double[] {-NUDGE, NUDGE}) {
            for (var d : TreeEnsemble.of(nudged(spec, direction)).compare(x, ThresholdPrecision.FLOAT, ThresholdPrecision.DOUBLE)) {
                first.merge(List.of((long) d.sample(), d.treeId()), d, (p, q) -> p.depth() <= q.depth() ? p : q);
            }
        }
        var sorted = first.values().stream()
                .sorted(Comparator.comparingInt(SplitDivergence::sample).thenComparingLong(SplitDivergence::treeId)).toList();
        return changes(sorted, true);
    }

    /// A copy of the node whose thresholds are doubles `fraction` of a float ULP away from the stored floats.
    private static NodeSpec nudged(NodeSpec spec, double fraction) {
        var source = spec.node();
        var copy = new Graph(null, "thresholds").addNode(source.name(), source.opType(), source.domain());
        source.attributes().values().forEach(copy::setAttribute);
        var floats = spec.floatsAttr(THRESHOLDS, new float[0]);
        var moved = new double[floats.length];
        for (int i = 0; i < floats.length; i++) {
            moved[i] = floats[i] + fraction * Math.ulp(floats[i]);
        }
        copy.removeAttribute(THRESHOLDS);
        var name = THRESHOLDS + "_as_tensor";
        copy.setAttribute(Attribute.ofTensor(name, TensorConversion.toTensorData(
                Tensor.of(ElementType.DOUBLE, new long[] {moved.length}, moved), name)));
        return new NodeSpec(copy, spec.opsetVersion(), spec.model());
    }

    /// Split divergences as report entries; `modelIsA` tells whether the model's threshold is the first of
    /// the pair compared.
    private static List<SplitChange> changes(List<SplitDivergence> divergences, boolean modelIsA) {
        var out = new ArrayList<SplitChange>(divergences.size());
        for (var d : divergences) {
            double own = modelIsA ? d.thresholdA() : d.thresholdB();
            double other = modelIsA ? d.thresholdB() : d.thresholdA();
            boolean ownTrue = modelIsA == d.trueBranchA();
            out.add(new SplitChange(d.sample(), d.treeId(), d.nodeId(), d.depth(), d.featureId(), d.featureValue(), own, other,
                    Ulps.inFloatUlps(d.featureValue() - own, own), Ulps.inFloatUlps(d.featureValue() - other, own), ownTrue));
        }
        return out;
    }

    private static List<Integer> rows(List<SplitChange> splits) {
        return splits.stream().map(SplitChange::sample).distinct().sorted().toList();
    }
}
