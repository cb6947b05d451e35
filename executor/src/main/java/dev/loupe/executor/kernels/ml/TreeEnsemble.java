package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;

/// The trees of a `TreeEnsembleClassifier` or `TreeEnsembleRegressor` node, flattened into arrays indexed by
/// the node's position in the `nodes_*` attributes, with the leaf votes (`class_*` or `target_*`) grouped
/// by leaf.
///
/// A split sends a sample to its true branch when the rule of its `nodes_modes` entry holds (`BRANCH_LEQ`:
/// `x <= t`, `BRANCH_LT`, `BRANCH_GTE`, `BRANCH_GT`, `BRANCH_EQ`, `BRANCH_NEQ`). A NaN feature goes to the
/// true branch when the node's `nodes_missing_value_tracks_true` is 1 and to the false branch otherwise, as in
/// the ONNX reference implementation. Each tree's root is the first node listed with its tree id; trees are
/// visited in ascending tree id.
///
/// Thresholds are kept as the model stores them (float values widened, or the doubles of
/// `nodes_values_as_tensor`), so [ThresholdPrecision#DOUBLE] reproduces the model exactly and
/// [#compare(Tensor, ThresholdPrecision, ThresholdPrecision)] tells which samples would take another path if
/// the thresholds were rounded to float. Immutable and safe to share between threads.
public final class TreeEnsemble {

    private static final byte LEAF = 0;
    private static final byte LEQ = 1;
    private static final byte LT = 2;
    private static final byte GTE = 3;
    private static final byte GT = 4;
    private static final byte EQ = 5;
    private static final byte NEQ = 6;
    private static final List<String> MODES = List.of("LEAF", "BRANCH_LEQ", "BRANCH_LT", "BRANCH_GTE", "BRANCH_GT",
            "BRANCH_EQ", "BRANCH_NEQ");

    private final long[] treeIds;
    private final long[] nodeIds;
    private final int[] featureIds;
    private final double[] thresholds;
    private final byte[] modes;
    private final int[] trueChild;
    private final int[] falseChild;
    private final boolean[] missingTracksTrue;
    private final int[] roots;
    private final int maxFeature;
    private final boolean doubleThresholds;
    private final int[] voteStart;
    private final int[] voteTarget;
    private final double[] voteWeight;
    private final int maxTarget;

    private TreeEnsemble(NodeSpec spec, String votePrefix) {
        treeIds = MlAttributes.requiredInts(spec, "nodes_treeids");
        nodeIds = MlAttributes.requiredInts(spec, "nodes_nodeids");
        int n = treeIds.length;
        MlAttributes.checkLength("nodes_nodeids", nodeIds.length, n, "one per node");
        var features = MlAttributes.requiredInts(spec, "nodes_featureids");
        MlAttributes.checkLength("nodes_featureids", features.length, n, "one per node");
        featureIds = MlAttributes.indices("nodes_featureids", features, Integer.MAX_VALUE);
        var values = MlAttributes.floatsOrTensor(spec, "nodes_values");
        doubleThresholds = spec.tensorAttr("nodes_values_as_tensor").isPresent();
        thresholds = values == null ? new double[n] : values;
        MlAttributes.checkLength("nodes_values", thresholds.length, n, "one per node");
        var modeNames = spec.stringsAttr("nodes_modes", List.of());
        MlAttributes.checkLength("nodes_modes", modeNames.size(), n, "one per node");
        modes = new byte[n];
        for (int i = 0; i < n; i++) {
            int m = MODES.indexOf(modeNames.get(i));
            if (m < 0) {
                throw new KernelException("nodes_modes[" + i + "] = '" + modeNames.get(i) + "' is not one of " + MODES);
            }
            modes[i] = (byte) m;
        }
        var missing = spec.intsAttr("nodes_missing_value_tracks_true", new long[n]);
        MlAttributes.checkLength("nodes_missing_value_tracks_true", missing.length, n, "one per node");
        missingTracksTrue = new boolean[n];
        for (int i = 0; i < n; i++) {
            missingTracksTrue[i] = missing[i] != 0;
        }

        var index = new HashMap<NodeKey, Integer>();
        var rootByTree = new TreeMap<Long, Integer>();
        for (int i = 0; i < n; i++) {
            if (index.putIfAbsent(new NodeKey(treeIds[i], nodeIds[i]), i) != null) {
                throw new KernelException("node " + nodeIds[i] + " of tree " + treeIds[i] + " is listed twice");
            }
            rootByTree.putIfAbsent(treeIds[i], i);
        }
        roots = rootByTree.values().stream().mapToInt(Integer::intValue).toArray();
        trueChild = children(spec, "nodes_truenodeids", index);
        falseChild = children(spec, "nodes_falsenodeids", index);
        maxFeature = splitFeatureMax();

        var vTrees = MlAttributes.requiredInts(spec, votePrefix + "_treeids");
        var vNodes = MlAttributes.requiredInts(spec, votePrefix + "_nodeids");
        var vIds = MlAttributes.requiredInts(spec, votePrefix + "_ids");
        var vWeights = MlAttributes.floatsOrTensor(spec, votePrefix + "_weights");
        int votes = vTrees.length;
        MlAttributes.checkLength(votePrefix + "_nodeids", vNodes.length, votes, "one per vote");
        MlAttributes.checkLength(votePrefix + "_ids", vIds.length, votes, "one per vote");
        if (vWeights == null) {
            throw new KernelException("required attribute '" + votePrefix + "_weights' is missing");
        }
        MlAttributes.checkLength(votePrefix + "_weights", vWeights.length, votes, "one per vote");
        var targets = MlAttributes.indices(votePrefix + "_ids", vIds, Integer.MAX_VALUE);
        var leafOf = new int[votes];
        voteStart = new int[n + 1];
        for (int k = 0; k < votes; k++) {
            Integer leaf = index.get(new NodeKey(vTrees[k], vNodes[k]));
            if (leaf == null) {
                throw new KernelException("vote " + k + " names node " + vNodes[k] + " of tree " + vTrees[k] + ", which does not exist");
            }
            leafOf[k] = leaf;
            voteStart[leaf + 1]++;
        }
        for (int i = 0; i < n; i++) {
            voteStart[i + 1] += voteStart[i];
        }
        voteTarget = new int[votes];
        voteWeight = new double[votes];
        var fill = voteStart.clone();
        int maxT = -1;
        for (int k = 0; k < votes; k++) {
            int at = fill[leafOf[k]]++;
            voteTarget[at] = targets[k];
            voteWeight[at] = vWeights[k];
            maxT = Math.max(maxT, targets[k]);
        }
        maxTarget = maxT;
    }

    /// The ensemble of a `TreeEnsembleClassifier` (leaf votes `class_*`) or `TreeEnsembleRegressor` (leaf votes
    /// `target_*`) node.
    ///
    /// @throws KernelException when the node is neither or its attributes are inconsistent
    public static TreeEnsemble of(NodeSpec spec) {
        return switch (spec.opType()) {
            case "TreeEnsembleClassifier" -> new TreeEnsemble(spec, "class");
            case "TreeEnsembleRegressor" -> new TreeEnsemble(spec, "target");
            default -> throw new KernelException(spec.opType() + " is not a tree ensemble");
        };
    }

    public int treeCount() {
        return roots.length;
    }

    public int nodeCount() {
        return modes.length;
    }

    /// Whether the model stores its thresholds in double (`nodes_values_as_tensor`).
    public boolean hasDoubleThresholds() {
        return doubleThresholds;
    }

    /// The leaf (node position) that each sample reaches in each tree, `[rows * treeCount()]` row-major,
    /// comparing at `precision`.
    public int[] leaves(Tensor x, ThresholdPrecision precision) {
        return leaves(checkedFeatures(x), precision);
    }

    /// For each sample and tree whose paths differ between precisions `a` and `b`, the split where they
    /// part; in order of sample, then tree.
    public List<SplitDivergence> compare(Tensor x, ThresholdPrecision a, ThresholdPrecision b) {
        var m = checkedFeatures(x);
        var out = new ArrayList<SplitDivergence>();
        var v = m.values();
        for (int row = 0; row < m.rows(); row++) {
            int offset = row * m.cols();
            for (int root : roots) {
                int i = root;
                for (int depth = 0; modes[i] != LEAF; depth++) {
                    checkDepth(depth, i);
                    double value = v[offset + featureIds[i]];
                    boolean takeA = goesTrue(modes[i], value, a.apply(thresholds[i]), missingTracksTrue[i]);
                    boolean takeB = goesTrue(modes[i], value, b.apply(thresholds[i]), missingTracksTrue[i]);
                    if (takeA != takeB) {
                        out.add(new SplitDivergence(row, treeIds[i], nodeIds[i], depth, featureIds[i], value,
                                a.apply(thresholds[i]), b.apply(thresholds[i]), takeA));
                        break;
                    }
                    i = takeA ? trueChild[i] : falseChild[i];
                }
            }
        }
        return out;
    }

    FeatureMatrix checkedFeatures(Tensor x) {
        var m = FeatureMatrix.of(x, "X");
        if (maxFeature >= m.cols()) {
            throw new KernelException("input X has " + m.cols() + " features per sample, but a split reads feature " + maxFeature);
        }
        return m;
    }

    int[] leaves(FeatureMatrix m, ThresholdPrecision precision) {
        int trees = roots.length;
        var out = new int[m.rows() * trees];
        var v = m.values();
        boolean rounded = precision == ThresholdPrecision.FLOAT;
        for (int row = 0; row < m.rows(); row++) {
            int offset = row * m.cols();
            for (int t = 0; t < trees; t++) {
                int i = roots[t];
                for (int depth = 0; modes[i] != LEAF; depth++) {
                    checkDepth(depth, i);
                    double th = rounded ? (float) thresholds[i] : thresholds[i];
                    i = goesTrue(modes[i], v[offset + featureIds[i]], th, missingTracksTrue[i]) ? trueChild[i] : falseChild[i];
                }
                out[row * trees + t] = i;
            }
        }
        return out;
    }

    /// The largest target or class index any leaf votes for, or -1 without votes.
    int maxTarget() {
        return maxTarget;
    }

    /// Adds the votes of `leaf` into `scores[offset + target]` (the aggregation SUM).
    void addVotes(int leaf, double[] scores, int offset) {
        for (int k = voteStart[leaf]; k < voteStart[leaf + 1]; k++) {
            scores[offset + voteTarget[k]] += voteWeight[k];
        }
    }

    /// Combines the votes of `leaf` into `scores[offset + target]` by minimum or maximum; `voted` records
    /// which targets have a vote so far.
    void minMaxVotes(int leaf, boolean max, double[] scores, boolean[] voted, int offset) {
        for (int k = voteStart[leaf]; k < voteStart[leaf + 1]; k++) {
            int at = offset + voteTarget[k];
            double w = voteWeight[k];
            scores[at] = !voted[at] ? w : max ? Math.max(scores[at], w) : Math.min(scores[at], w);
            voted[at] = true;
        }
    }

    private static boolean goesTrue(byte mode, double x, double t, boolean missingTracksTrue) {
        if (Double.isNaN(x)) {
            return missingTracksTrue;
        }
        return switch (mode) {
            case LEQ -> x <= t;
            case LT -> x < t;
            case GTE -> x >= t;
            case GT -> x > t;
            case EQ -> x == t;
            default -> x != t;
        };
    }

    private void checkDepth(int depth, int node) {
        if (depth > modes.length) {
            throw new KernelException("tree " + treeIds[node] + " has a cycle through node " + nodeIds[node]);
        }
    }

    private int[] children(NodeSpec spec, String name, HashMap<NodeKey, Integer> index) {
        var ids = MlAttributes.requiredInts(spec, name);
        MlAttributes.checkLength(name, ids.length, modes.length, "one per node");
        var out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (modes[i] == LEAF) {
                out[i] = -1;
                continue;
            }
            Integer child = index.get(new NodeKey(treeIds[i], ids[i]));
            if (child == null) {
                throw new KernelException(name + "[" + i + "] = " + ids[i] + " names no node of tree " + treeIds[i]);
            }
            out[i] = child;
        }
        return out;
    }

    private int splitFeatureMax() {
        int max = -1;
        for (int i = 0; i < modes.length; i++) {
            if (modes[i] != LEAF) {
                max = Math.max(max, featureIds[i]);
            }
        }
        return max;
    }

    private record NodeKey(long tree, long node) {
    }
}
