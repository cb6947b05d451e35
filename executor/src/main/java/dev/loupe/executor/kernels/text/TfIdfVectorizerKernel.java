package dev.loupe.executor.kernels.text;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/// `TfIdfVectorizer` 9 · X: string, int32 or int64 `[C]` or `[N, C]` → Y: float `[max(ngram_indexes) + 1]` or
/// `[N, ...]`.
///
/// Counts, per row, the occurrences of the pool's n-grams (`pool_int64s` or `pool_strings`, split by
/// `ngram_counts`) whose length lies in `[min_gram_length, max_gram_length]`; an n-gram with skip `s` takes
/// every `(s + 1)`-th token, for `s` up to `max_skip_count` (unigrams are counted once). `mode` TF gives the
/// counts, IDF the `weights` (or 1) of the n-grams present, TFIDF counts times weights.
final class TfIdfVectorizerKernel implements Kernel {

    private enum Mode { TF, IDF, TFIDF }

    private final Mode mode;
    private final int minGram;
    private final int maxGram;
    private final int maxSkip;
    private final NgramPool pool;
    private final int columns;
    private final float[] weights;
    private final long[] ngramIndexes;
    private final long[] intTokens;
    private final Map<String, Integer> stringTokens;

    TfIdfVectorizerKernel(NodeSpec spec) {
        var name = spec.stringAttr("mode", "TF");
        try {
            mode = Mode.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new KernelException("mode '" + name + "' is not one of TF, IDF, TFIDF");
        }
        minGram = (int) spec.intAttr("min_gram_length", 1);
        maxGram = (int) spec.intAttr("max_gram_length", 1);
        maxSkip = (int) spec.intAttr("max_skip_count", 0);
        if (minGram < 1 || maxGram < minGram || maxSkip < 0) {
            throw new KernelException("min_gram_length " + minGram + ", max_gram_length " + maxGram + " and max_skip_count "
                    + maxSkip + " must satisfy 1 <= min <= max and skip >= 0");
        }
        ngramIndexes = spec.intsAttr("ngram_indexes", new long[0]);
        columns = (int) Arrays.stream(ngramIndexes).max().orElse(-1) + 1;
        weights = spec.floatsAttr("weights", null);
        var ints = spec.intsAttr("pool_int64s", null);
        var strings = spec.stringsAttr("pool_strings", null);
        if ((ints == null) == (strings == null)) {
            throw new KernelException("exactly one of pool_int64s and pool_strings must be given");
        }
        int[] dense;
        if (ints != null) {
            intTokens = Arrays.stream(ints).distinct().sorted().toArray();
            stringTokens = null;
            dense = Arrays.stream(ints).mapToInt(v -> Arrays.binarySearch(intTokens, v)).toArray();
        } else {
            intTokens = null;
            stringTokens = new HashMap<>();
            dense = strings.stream().mapToInt(s -> stringTokens.computeIfAbsent(s, k -> stringTokens.size())).toArray();
        }
        pool = new NgramPool(dense, spec.intsAttr("ngram_counts", new long[0]), ngramIndexes);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] in, KernelContext context) {
        if (in.length == 0 || !(in[0] instanceof Tensor x)) {
            throw new KernelException("input X is missing");
        }
        if (x.rank() != 1 && x.rank() != 2) {
            throw new KernelException("input X must be [C] or [N, C], got " + x.describe());
        }
        var tokens = denseTokens(x);
        int rows = x.rank() == 1 ? 1 : (int) x.dim(0);
        int length = rows == 0 ? 0 : tokens.length / rows;
        var out = Tensor.allocate(ElementType.FLOAT, x.rank() == 1 ? new long[] {columns} : new long[] {rows, columns});
        var y = out.floats();
        for (int r = 0; r < rows; r++) {
            count(tokens, r * length, length, y, r * columns);
        }
        return new RuntimeValue[] {out};
    }

    private void count(int[] tokens, int from, int length, float[] y, int out) {
        for (int skip = 0; skip <= maxSkip; skip++) {
            for (int start = 0; start < length; start++) {
                int node = 0;
                for (int k = 0; k < maxGram; k++) {
                    int pos = start + k * (skip + 1);
                    if (pos >= length) {
                        break;
                    }
                    node = pool.child(node, tokens[from + pos]);
                    if (node < 0) {
                        break;
                    }
                    int n = k + 1;
                    int c = pool.column(node);
                    if (n >= minGram && c >= 0 && (n > 1 || skip == 0)) {
                        y[out + c] += 1;
                    }
                }
            }
        }
        for (int j = 0; j < ngramIndexes.length; j++) {
            int c = out + (int) ngramIndexes[j];
            float w = weights == null ? 1 : weights[j];
            y[c] = switch (mode) {
                case TF -> y[c];
                case IDF -> y[c] > 0 ? w : 0;
                case TFIDF -> y[c] * w;
            };
        }
    }

    /// The input's tokens as the pool's dense ids, -1 for tokens outside the pool.
    private int[] denseTokens(Tensor x) {
        var out = new int[x.size()];
        switch (x.data()) {
            case String[] s when stringTokens != null -> {
                for (int i = 0; i < s.length; i++) {
                    Integer id = stringTokens.get(s[i]);
                    out[i] = id == null ? -1 : id;
                }
            }
            case long[] l when intTokens != null -> {
                for (int i = 0; i < l.length; i++) {
                    out[i] = Math.max(-1, Arrays.binarySearch(intTokens, l[i]));
                }
            }
            case int[] v when intTokens != null -> {
                for (int i = 0; i < v.length; i++) {
                    out[i] = Math.max(-1, Arrays.binarySearch(intTokens, v[i]));
                }
            }
            default -> throw new KernelException("input X of type " + x.type().onnxName() + " does not match the "
                    + (stringTokens != null ? "string" : "int64") + " pool");
        }
        return out;
    }
}
