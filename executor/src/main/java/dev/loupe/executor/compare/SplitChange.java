package dev.loupe.executor.compare;

/// A split of a tree ensemble at which a sample's path depends on how the threshold is stored: with the
/// model's threshold the sample goes one way, with the other threshold the other way. Only the first such
/// split of each tree is listed (below it the paths are different anyway).
///
/// @param sample               the sample's row in the input
/// @param treeId               the tree, as `nodes_treeids` names it
/// @param nodeId               the split node, as `nodes_nodeids` names it
/// @param depth                the split's depth (the root is 0)
/// @param featureId            the feature the split reads
/// @param featureValue         the sample's value of that feature
/// @param threshold            the threshold as the model stores it
/// @param otherThreshold       the threshold the comparison puts against it (the reference's double, the
///                             float rounding of the model's double, or a double that rounds to the
///                             model's float; see [TreePathReport.Basis])
/// @param ulpsFromThreshold    `(featureValue - threshold)` in float ULPs at the threshold
/// @param ulpsFromOther        `(featureValue - otherThreshold)` in float ULPs at the model's threshold
/// @param modelTakesTrueBranch whether the model's threshold sends the sample to the true branch
public record SplitChange(int sample, long treeId, long nodeId, int depth, int featureId, double featureValue,
                          double threshold, double otherThreshold, double ulpsFromThreshold, double ulpsFromOther,
                          boolean modelTakesTrueBranch) {
}
