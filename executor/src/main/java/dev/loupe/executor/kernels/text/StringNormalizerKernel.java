package dev.loupe.executor.kernels.text;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/// `StringNormalizer` 10 · X: string `[C]` or `[1, C]` → Y: string `[C']` or `[1, C']`.
///
/// Removes the `stopwords` (compared exactly, or ignoring case unless `is_case_sensitive` is 1), then
/// applies `case_change_action` (LOWER, UPPER, NONE) under `locale` (a tag such as `en_US`; the root locale
/// when absent). When every string is removed the output holds one empty string.
final class StringNormalizerKernel implements Kernel {

    private final boolean caseSensitive;
    private final String action;
    private final Locale locale;
    private final Set<String> stopwords;

    StringNormalizerKernel(NodeSpec spec) {
        caseSensitive = spec.intAttr("is_case_sensitive", 0) != 0;
        action = spec.stringAttr("case_change_action", "NONE");
        switch (action) {
            case "NONE", "LOWER", "UPPER" -> { }
            default -> throw new KernelException("case_change_action '" + action + "' is not one of NONE, LOWER, UPPER");
        }
        var tag = spec.stringAttr("locale", "");
        locale = tag.isEmpty() ? Locale.ROOT : Locale.forLanguageTag(tag.replace('_', '-'));
        stopwords = new HashSet<>();
        for (var w : spec.stringsAttr("stopwords", List.of())) {
            stopwords.add(caseSensitive ? w : w.toLowerCase(locale));
        }
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] in, KernelContext context) {
        if (in.length == 0 || !(in[0] instanceof Tensor x) || x.type() != ElementType.STRING) {
            throw new KernelException("input X must be a string tensor, got " + (in.length == 0 || in[0] == null ? "nothing" : in[0].describe()));
        }
        boolean twoDimensional = x.rank() == 2;
        if (!(x.rank() == 1 || twoDimensional && x.dim(0) == 1)) {
            throw new KernelException("input X must be [C] or [1, C], got " + x.describe());
        }
        var kept = new ArrayList<String>();
        for (var s : x.strings()) {
            if (!stopwords.contains(caseSensitive ? s : s.toLowerCase(locale))) {
                kept.add(switch (action) {
                    case "LOWER" -> s.toLowerCase(locale);
                    case "UPPER" -> s.toUpperCase(locale);
                    default -> s;
                });
            }
        }
        if (kept.isEmpty()) {
            kept.add("");
        }
        long[] shape = twoDimensional ? new long[] {1, kept.size()} : new long[] {kept.size()};
        return new RuntimeValue[] {Tensor.of(ElementType.STRING, shape, kept.toArray(String[]::new))};
    }
}
