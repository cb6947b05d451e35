package dev.loupe.executor.kernels.ml;

/// The split at which one sample's path through one tree differs between two threshold precisions: above
/// it the paths agree, from it on they part.
///
/// @param sample the sample's row in the input
/// @param treeId the tree, as `nodes_treeids` names it
/// @param nodeId the split node, as `nodes_nodeids` names it
/// @param depth the split's depth in the tree (the root is 0)
/// @param featureId the feature the split reads
/// @param featureValue the sample's value of that feature
/// @param thresholdA the threshold under the first precision
/// @param thresholdB the threshold under the second precision
/// @param trueBranchA whether the first precision takes the true branch (the second takes the other)
public record SplitDivergence(int sample, long treeId, long nodeId, int depth, int featureId, double featureValue,
                              double thresholdA, double thresholdB, boolean trueBranchA) {
}
