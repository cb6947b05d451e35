package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.KernelException;

import java.util.ArrayList;
import java.util.List;

/// A parsed Einstein summation equation such as `bij,bjk->bik` or `...ii->...i`. Each input's and the
/// output's axes are given as label numbers: letters are `0..51`, the axes an ellipsis stands for are
/// numbered from 52 on, aligned to the right across inputs. Without `->`, the output is the ellipsis axes
/// followed by the letters that appear once, in alphabetical order.
record EinsumEquation(List<int[]> inputs, int[] output, int labelCount) {

    private static final int ELLIPSIS_BASE = 52;

    /// @param ranks the rank of each input, needed to expand ellipses
    static EinsumEquation parse(String equation, int[] ranks) {
        var eq = equation.replace(" ", "");
        int arrow = eq.indexOf("->");
        var lhs = arrow < 0 ? eq : eq.substring(0, arrow);
        var terms = lhs.split(",", -1);
        if (terms.length != ranks.length) {
            throw new KernelException("Einsum equation '" + equation + "' names " + terms.length + " inputs but the node has " + ranks.length);
        }
        int ellipsisRank = 0;
        for (int t = 0; t < terms.length; t++) {
            if (terms[t].contains("...")) {
                ellipsisRank = Math.max(ellipsisRank, ranks[t] - (terms[t].length() - 3));
            }
        }
        var inputs = new ArrayList<int[]>();
        var counts = new int[ELLIPSIS_BASE];
        for (int t = 0; t < terms.length; t++) {
            var labels = labels(terms[t], ranks[t], ellipsisRank, equation);
            if (labels.length != ranks[t]) {
                throw new KernelException("Einsum term '" + terms[t] + "' has " + labels.length + " labels but input " + t
                        + " has rank " + ranks[t]);
            }
            for (int l : labels) {
                if (l < ELLIPSIS_BASE) {
                    counts[l]++;
                }
            }
            inputs.add(labels);
        }
        int[] output;
        if (arrow >= 0) {
            output = labels(eq.substring(arrow + 2), -1, ellipsisRank, equation);
        } else {
            var out = new ArrayList<Integer>();
            for (int e = 0; e < ellipsisRank; e++) {
                out.add(ELLIPSIS_BASE + e);
            }
            for (int l = 0; l < ELLIPSIS_BASE; l++) {
                if (counts[l] == 1) {
                    out.add(l);
                }
            }
            output = out.stream().mapToInt(Integer::intValue).toArray();
        }
        return new EinsumEquation(inputs, output, ELLIPSIS_BASE + ellipsisRank);
    }

    /// The labels of one term; `rank` -1 means the output (ellipsis stands for all its axes).
    private static int[] labels(String term, int rank, int ellipsisRank, String equation) {
        var out = new ArrayList<Integer>();
        for (int i = 0; i < term.length(); i++) {
            char ch = term.charAt(i);
            if (ch == '.') {
                if (!term.startsWith("...", i)) {
                    throw new KernelException("Einsum equation '" + equation + "' has a stray '.'");
                }
                int count = rank < 0 ? ellipsisRank : rank - (term.length() - 3);
                for (int e = ellipsisRank - count; e < ellipsisRank; e++) {
                    out.add(ELLIPSIS_BASE + e);
                }
                i += 2;
            } else if (ch >= 'a' && ch <= 'z') {
                out.add(ch - 'a');
            } else if (ch >= 'A' && ch <= 'Z') {
                out.add(26 + ch - 'A');
            } else {
                throw new KernelException("Einsum equation '" + equation + "' has an invalid character '" + ch + "'");
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
