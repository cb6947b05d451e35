package dev.loupe.executor.compare;

import dev.loupe.executor.session.FramePath;
import dev.loupe.model.Node;

import java.util.List;

/// For one `TreeEnsembleClassifier` or `TreeEnsembleRegressor` node run: which samples take another path
/// through the trees when the split thresholds are held in float rather than double, the splits involved,
/// and whether storing the thresholds in double (`nodes_values_as_tensor`, ai.onnx.ml opset 3) would fix
/// the node's disagreement with the reference.
///
/// Background: scikit-learn compares `x <= threshold` with double thresholds; `nodes_values` holds floats,
/// so a sample whose value lies between a threshold and its float rounding takes the other branch.
///
/// @param samples            rows of the node's input
/// @param changedSamples     rows known to take another path in at least one tree (ascending); see [Basis]
/// @param atRiskSamples      rows whose path depends on the threshold precision at some split, whether or
///                           not it changed (ascending; a superset of `changedSamples`)
/// @param mismatchedSamples  rows whose outputs of this node fall outside the tolerance against the
///                           reference (ascending; empty without reference values for the node)
/// @param splits             the splits responsible, by sample then tree
/// @param fix                whether double thresholds would fix it
/// @param explanation        the finding in one or two sentences
public record TreePathReport(Node node, FramePath frame, boolean doubleThresholds, Basis basis, int samples,
                             List<Integer> changedSamples, List<Integer> atRiskSamples,
                             List<Integer> mismatchedSamples, List<SplitChange> splits, Fix fix,
                             String explanation) {

    /// Where the other thresholds come from.
    public enum Basis {
        /// The reference is another model whose matching tree node stores double thresholds that round to
        /// this model's floats: the changed samples are exact.
        REFERENCE_THRESHOLDS,
        /// The model stores double thresholds; the samples listed would change path if they were rounded
        /// to float (what opset-1 `nodes_values` would do).
        OWN_DOUBLE_THRESHOLDS,
        /// The model stores float thresholds and the original doubles are unknown: a sample is at risk when
        /// its value lies within half a float ULP of a threshold on its path (some double rounding to that
        /// float would send it the other way). Samples at risk whose outputs disagree with the reference
        /// are the changed ones.
        ROUNDING_INTERVAL
    }

    /// Whether double thresholds would fix the node's disagreement.
    public enum Fix {
        /// The disagreement is explained by threshold rounding: double thresholds fix it.
        YES,
        /// Some disagreement is not explained by threshold rounding.
        NO,
        /// The model already stores double thresholds.
        ALREADY_DOUBLE,
        /// No sample depends on the threshold precision.
        NOT_NEEDED,
        /// Samples are at risk but there is no reference for the node's outputs to tell.
        UNKNOWN
    }

    public TreePathReport {
        changedSamples = List.copyOf(changedSamples);
        atRiskSamples = List.copyOf(atRiskSamples);
        mismatchedSamples = List.copyOf(mismatchedSamples);
        splits = List.copyOf(splits);
    }
}
