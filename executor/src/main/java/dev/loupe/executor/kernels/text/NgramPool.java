package dev.loupe.executor.kernels.text;

import dev.loupe.executor.kernel.KernelException;

import java.util.Arrays;
import java.util.HashMap;

/// The n-grams of a `TfIdfVectorizer` pool as a trie over dense token ids: following the tokens of an
/// n-gram from the root reaches a node that knows the n-gram's output column.
///
/// Edges are kept as sorted `parent << 32 | token` keys searched by bisection, so lookups do not allocate.
final class NgramPool {

    private final long[] edgeKeys;
    private final int[] edgeChild;
    private final int[] column;

    /// @param tokens the pool as dense token ids
    /// @param ngramCounts the start of each n-gram length's run in the pool (`ngram_counts`)
    /// @param ngramIndexes the output column of each n-gram in pool order (`ngram_indexes`)
    NgramPool(int[] tokens, long[] ngramCounts, long[] ngramIndexes) {
        var edges = new HashMap<Long, Integer>();
        var columns = new int[tokens.length + 1];
        Arrays.fill(columns, -1);
        int nodes = 1;
        int gram = 0;
        for (int length = 1; length <= ngramCounts.length; length++) {
            int start = (int) ngramCounts[length - 1];
            int end = length < ngramCounts.length ? (int) ngramCounts[length] : tokens.length;
            if (start < 0 || end > tokens.length || start > end || (end - start) % length != 0) {
                throw new KernelException("ngram_counts " + Arrays.toString(ngramCounts) + " does not split a pool of "
                        + tokens.length + " tokens into whole " + length + "-grams");
            }
            for (int at = start; at < end; at += length) {
                int node = 0;
                for (int k = 0; k < length; k++) {
                    long key = ((long) node << 32) | tokens[at + k];
                    Integer child = edges.get(key);
                    if (child == null) {
                        child = nodes++;
                        edges.put(key, child);
                    }
                    node = child;
                }
                if (gram >= ngramIndexes.length) {
                    throw new KernelException("ngram_indexes has " + ngramIndexes.length + " entries, fewer than the pool's n-grams");
                }
                columns[node] = (int) ngramIndexes[gram++];
            }
        }
        edgeKeys = edges.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        edgeChild = new int[edgeKeys.length];
        for (int i = 0; i < edgeKeys.length; i++) {
            edgeChild[i] = edges.get(edgeKeys[i]);
        }
        column = Arrays.copyOf(columns, nodes);
    }

    /// The node reached from `node` by `token`, or -1.
    int child(int node, int token) {
        if (token < 0) {
            return -1;
        }
        int i = Arrays.binarySearch(edgeKeys, ((long) node << 32) | token);
        return i < 0 ? -1 : edgeChild[i];
    }

    /// The output column of the n-gram ending at `node`, or -1.
    int column(int node) {
        return column[node];
    }
}
