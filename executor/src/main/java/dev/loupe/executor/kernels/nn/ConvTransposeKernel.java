package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.simd.Parallel;
import dev.loupe.executor.simd.Sgemm;
import dev.loupe.executor.simd.VectorLoops;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;

/// `ConvTranspose` (versions 1, 11), float types, 1-D to N-D: the transpose (gradient) of `Conv` for
/// `X (N, C, D...)` and `W (C, M / group, k...)`, plus the optional bias `B (M)`. The output size comes from
/// `output_shape` when given, from `auto_pad` SAME_* (input size times stride) or else from the strides,
/// kernel, `pads` and `output_padding`; with `output_shape` or `auto_pad` the padding is derived, the odd
/// element going to the end for SAME_UPPER and to the start otherwise.
///
/// Each input position scatters its weighted kernel into the output (col2im). For float32 the weighted
/// kernels of all positions of one image and group come from one SGEMM (`Wᵀ·X`, `[M/group · k, D]`), summed
/// in float and scattered into the output by runs: along the innermost axis one tap's consecutive inputs
/// land a stride apart, so each run of them is one vector add (stride 1), vectors interleaved with zeros and
/// added to the even lanes (stride 2) or one strided loop, output channels in parallel. Other types are computed in double.
final class ConvTransposeKernel extends NnKernel {

    private final WindowAttributes window;
    private final int group;
    private final long[] outputShape;
    private final long[] outputPadding;
    private float[] columns = new float[0];
    private CachedRuns lastRuns;

    ConvTransposeKernel(NodeSpec node) {
        super("X", 3);
        this.window = WindowAttributes.of(node);
        this.group = (int) node.intAttr("group", 1);
        this.outputShape = node.intsAttr("output_shape", null);
        this.outputPadding = node.intsAttr("output_padding", null);
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        var w = Operands.tensor(inputs, 1, "W", Operands.FLOATS);
        var b = Operands.optional(inputs, 2, "B");
        var xs = x.shape();
        var ws = w.shape();
        int spatial = xs.length - 2;
        int n = (int) xs[0];
        int c = (int) xs[1];
        if (w.rank() != xs.length || group < 1 || ws[0] != c || c % group != 0) {
            throw new KernelException("W " + w.describe() + " does not fit X " + x.describe() + " with group " + group);
        }
        int mg = (int) ws[1];
        int m = mg * group;
        if (b != null && (b.rank() != 1 || b.dim(0) != m)) {
            throw new KernelException("B must have shape [" + m + "], got " + b.describe());
        }
        var geometry = geometry(Arrays.copyOfRange(xs, 2, xs.length), Arrays.copyOfRange(ws, 2, ws.length));
        int inSize = geometry.inputSize();
        int outSize = geometry.outputSize();
        int taps = geometry.kernelSize();
        int cg = c / group;
        var outShape = new long[xs.length];
        outShape[0] = n;
        outShape[1] = m;
        System.arraycopy(geometry.output(), 0, outShape, 2, spatial);
        Operands.checkOutputSize(x.type(), outShape);
        if (x.type() == ElementType.FLOAT && w.type() == ElementType.FLOAT && (b == null || b.type() == ElementType.FLOAT)) {
            var out = context.output(ElementType.FLOAT, outShape);
            floats(x.floats(), w.floats(), b == null ? null : b.floats(), n, c, mg, geometry, out.floats(), context);
            return new RuntimeValue[] {out};
        }
        var table = geometry.scatterTable();
        var xv = Numbers.toDoubles(x);
        var wv = Numbers.toDoubles(w);
        var out = new double[n * m * outSize];
        var col = new double[inSize];
        for (int img = 0; img < n; img++) {
            for (int g = 0; g < group; g++) {
                context.checkCancelled();
                for (int oc = 0; oc < mg; oc++) {
                    int o = (img * m + g * mg + oc) * outSize;
                    for (int k = 0; k < taps; k++) {
                        Arrays.fill(col, 0);
                        for (int ic = 0; ic < cg; ic++) {
                            double wt = wv[(((g * cg + ic) * mg) + oc) * taps + k];
                            int xb = (img * c + g * cg + ic) * inSize;
                            for (int p = 0; p < inSize; p++) {
                                col[p] += wt * xv[xb + p];
                            }
                        }
                        int t = k * inSize;
                        for (int p = 0; p < inSize; p++) {
                            int target = table[t + p];
                            if (target >= 0) {
                                out[o + target] += col[p];
                            }
                        }
                    }
                }
            }
        }
        if (b != null) {
            var bias = Numbers.toDoubles(b);
            for (int img = 0; img < n; img++) {
                for (int ch = 0; ch < m; ch++) {
                    int o = (img * m + ch) * outSize;
                    for (int p = 0; p < outSize; p++) {
                        out[o + p] += bias[ch];
                    }
                }
            }
        }
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), outShape, out)};
    }

    /// The float32 path: per image and group, `cols = W_gᵀ · X_g` on SGEMM, then each row of `cols` (one output
    /// channel and tap) is added at its scattered output positions ([Runs]), on top of the bias.
    private void floats(float[] x, float[] w, float[] bias, int n, int c, int mg, WindowGeometry geometry,
                        float[] out, KernelContext context) {
        int inSize = geometry.inputSize();
        int outSize = geometry.outputSize();
        int taps = geometry.kernelSize();
        var runs = runs(geometry);
        int cg = c / group;
        int m = mg * group;
        int rows = mg * taps;
        var cols = columns(rows * inSize);
        for (int img = 0; img < n; img++) {
            for (int ch = 0; ch < m; ch++) {
                Arrays.fill(out, (img * m + ch) * outSize, (img * m + ch + 1) * outSize, bias == null ? 0f : bias[ch]);
            }
            for (int g = 0; g < group; g++) {
                context.checkCancelled();
                Sgemm.multiply(rows, inSize, cg, 1f, w, g * cg * rows, 1, rows, x, (img * c + g * cg) * inSize, inSize, 1,
                        cols, 0, inSize, false, context.threads());
                int first = (img * m + g * mg) * outSize;
                Parallel.forRows(mg, taps * inSize, context.threads(), (oc0, oc1) -> {
                    for (int oc = oc0; oc < oc1; oc++) {
                        for (int k = 0; k < taps; k++) {
                            runs.add(k, cols, (oc * taps + k) * inSize, out, first + oc * outSize);
                        }
                    }
                });
            }
        }
    }

    /// The scatter runs of `geometry`, from the last call's when its input, kernel and output sizes were the
    /// same (the attributes are fixed, so those decide the runs).
    private Runs runs(WindowGeometry geometry) {
        var cached = lastRuns;
        if (cached != null && Arrays.equals(cached.input(), geometry.input()) && Arrays.equals(cached.kernel(), geometry.kernel())
                && Arrays.equals(cached.output(), geometry.output())) {
            return cached.runs();
        }
        var runs = Runs.of(geometry.scatterTable(), geometry.kernelSize(), geometry.inputSize(),
                (int) geometry.strides()[geometry.strides().length - 1]);
        lastRuns = new CachedRuns(geometry.input(), geometry.kernel(), geometry.output(), runs);
        return runs;
    }

    private record CachedRuns(long[] input, long[] kernel, long[] output, Runs runs) {
    }

    /// Room for the products of one image and group, kept between runs (a kernel runs on one thread at a
    /// time): allocated per call, they were megabytes of "humongous" arrays for G1 on every run.
    private float[] columns(int size) {
        if (columns.length < size) {
            columns = new float[size];
        }
        return columns;
    }

    /// The scatter table as runs: for each tap, maximal runs of consecutive input positions whose outputs are
    /// `step` apart (the innermost stride), as `{input, output, length}` triples.
    private record Runs(int[][] byTap, int step) {

        static Runs of(int[] table, int taps, int inSize, int step) {
            var byTap = new int[taps][];
            for (int k = 0; k < taps; k++) {
                var triples = new int[3 * inSize];
                int count = 0;
                int t = k * inSize;
                int p = 0;
                while (p < inSize) {
                    if (table[t + p] < 0) {
                        p++;
                        continue;
                    }
                    int start = p;
                    while (p + 1 < inSize && table[t + p + 1] == table[t + p] + step) {
                        p++;
                    }
                    p++;
                    triples[count++] = start;
                    triples[count++] = table[t + start];
                    triples[count++] = p - start;
                }
                byTap[k] = Arrays.copyOf(triples, count);
            }
            return new Runs(byTap, step);
        }

        /// `out[outFrom + target] += cols[colsFrom + p]` over tap `k`'s inputs `p`.
        void add(int k, float[] cols, int colsFrom, float[] out, int outFrom) {
            if (step == 1) {
                addContiguous(byTap[k], cols, colsFrom, out, outFrom);
            } else if (step == 2) {
                addEveryOther(byTap[k], cols, colsFrom, out, outFrom);
            } else {
                addStrided(byTap[k], step, cols, colsFrom, out, outFrom);
            }
        }

        // A method per kind of run, so that each is compiled for its own: one loop with two kinds in it ran
        // the second kind a model used 2.3x slower than the first.
        private static void addContiguous(int[] triples, float[] cols, int colsFrom, float[] out, int outFrom) {
            for (int r = 0; r < triples.length; r += 3) {
                VectorLoops.addTo(cols, colsFrom + triples[r], out, outFrom + triples[r + 1], triples[r + 2]);
            }
        }

        private static void addEveryOther(int[] triples, float[] cols, int colsFrom, float[] out, int outFrom) {
            for (int r = 0; r < triples.length; r += 3) {
                VectorLoops.addToEveryOther(cols, colsFrom + triples[r], out, outFrom + triples[r + 1], triples[r + 2]);
            }
        }

        private static void addStrided(int[] triples, int step, float[] cols, int colsFrom, float[] out, int outFrom) {
            for (int r = 0; r < triples.length; r += 3) {
                int src = colsFrom + triples[r];
                int dst = outFrom + triples[r + 1];
                for (int i = 0; i < triples[r + 2]; i++) {
                    out[dst + i * step] += cols[src + i];
                }
            }
        }
    }

    private WindowGeometry geometry(long[] input, long[] kernel) {
        int rank = input.length;
        var s = window.strides() == null ? ones(rank) : window.strides();
        var d = window.dilations() == null ? ones(rank) : window.dilations();
        var extra = outputPadding == null ? new long[rank] : outputPadding;
        var auto = window.autoPad();
        var begin = new long[rank];
        var end = new long[rank];
        if (window.pads() != null && auto == WindowAttributes.AutoPad.NOTSET) {
            System.arraycopy(window.pads(), 0, begin, 0, rank);
            System.arraycopy(window.pads(), rank, end, 0, rank);
        }
        var out = new long[rank];
        boolean derivePads = outputShape != null || auto == WindowAttributes.AutoPad.SAME_UPPER
                || auto == WindowAttributes.AutoPad.SAME_LOWER;
        for (int i = 0; i < rank; i++) {
            long span = (kernel[i] - 1) * d[i] + 1;
            long full = s[i] * (input[i] - 1) + extra[i] + span;
            if (derivePads) {
                out[i] = outputShape != null ? outputShape[outputShape.length - rank + i] : input[i] * s[i];
                long total = Math.max(0, full - out[i]);
                begin[i] = auto == WindowAttributes.AutoPad.SAME_UPPER ? total / 2 : total - total / 2;
                end[i] = total - begin[i];
            } else {
                out[i] = full - begin[i] - end[i];
            }
            if (out[i] < 0) {
                throw new KernelException("the output of axis " + i + " would have size " + out[i]);
            }
        }
        return new WindowGeometry(input, kernel, s, d, begin, end, out);
    }

    private static long[] ones(int n) {
        var v = new long[n];
        Arrays.fill(v, 1);
        return v;
    }
}
