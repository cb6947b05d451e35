package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.ClampingKernel;
import dev.loupe.executor.kernel.ConstantInput;
import dev.loupe.executor.kernel.ConstantTakingKernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.kernels.shape.Numbers;
import dev.loupe.executor.kernels.shape.Operands;
import dev.loupe.executor.simd.Clamp;
import dev.loupe.executor.simd.Convolution;
import dev.loupe.executor.simd.DepthwiseConvolution;
import dev.loupe.executor.simd.DirectConvolution;
import dev.loupe.executor.simd.NarrowConvolution;
import dev.loupe.executor.simd.PackedA;
import dev.loupe.executor.simd.PackedB;
import dev.loupe.executor.simd.VectorSupport;
import dev.loupe.executor.simd.Window2d;
import dev.loupe.executor.simd.Winograd;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Arrays;

/// `Conv` (versions 1, 11), float types, 1-D to N-D: `X (N, C, D...)` convolved with `W (M, C / group,
/// k...)` plus the optional bias `B (M)`, with `group`, `strides`, `dilations`, `pads` and `auto_pad`.
///
/// float32 runs on [Convolution] (SIMD im2col and SGEMM, pointwise as a plain product, depthwise as a direct
/// vector loop, 2-D depthwise with a horizontal stride of 1 or 2 on [DepthwiseConvolution]) in `float`; the
/// gather table is kept while the spatial shapes repeat, and constant weights are packed once (or taken into the
/// kernel when a fast plan is made, [ConstantTakingKernel], except depthwise ones, which are read as they are);
/// the output comes from [KernelContext#output] (every element is written). Taken weights of an ungrouped layer
/// wait for the first run, whose shapes pick their form: 3x3 filters with unit strides and dilations and at least
/// a column panel of 2x2 output tiles run on [Winograd] from then on, in the tiles [Winograd#tileFor] picks for
/// that window (its transformed filters take 16/9 of the weights' memory with 2x2 tiles, 4 times with 4x4
/// tiles); deep layers with few output positions on [NarrowConvolution]; the others are packed for
/// [Convolution]. A following `Relu` or `Clip` in a fast plan
/// is applied as the output is stored ([#runClamped]). Other float types are computed as im2col and a matrix product in `double`: the input
/// windows of a block of output positions are copied into columns (zeros for padding), then every output
/// channel is a row of weights times those columns.
final class ConvKernel extends NnKernel implements ClampingKernel, ConstantTakingKernel {

    /// Column buffer budget in elements; output positions are processed in blocks that fit it.
    private static final int COLUMN_BUDGET = 1 << 22;

    private final WindowAttributes window;
    private final int group;
    private final boolean constantWeights;
    /// The last float32 plan and its shapes; runs are serialized, so plain fields suffice.
    private long[] planShapes;
    private Convolution.Plan plan;
    private long[] planOutput;
    /// The 2-D window of the plan's shapes for the direct kernels, or `null` when they do not compute it.
    private Window2d planWindow;
    /// The packed constant weights and their source.
    private float[] packedSource;
    private PackedA[] packed;
    /// Weights taken at planning time and their shape (`null` when none were taken), held in one of four forms:
    /// packed for [Convolution]; transformed for [Winograd]; packed for [NarrowConvolution]; or, for an
    /// ungrouped layer, as given until the first run's shapes pick one of the others.
    private PackedA[] takenWeights;
    private Winograd.Filters takenFilters;
    private PackedB takenTransposed;
    private ConstantInput pendingWeights;
    private long[] taken;

    ConvKernel(NodeSpec node) {
        super("X", 3);
        this.window = WindowAttributes.of(node);
        this.group = (int) node.intAttr("group", 1);
        this.constantWeights = node.isConstantInput(1);
    }

    @Override
    public boolean take(int slot, ConstantInput value) {
        var ws = value.shape();
        if (slot != 1 || value.type() != ElementType.FLOAT || ws.length < 3 || ws[0] == 0 || group < 1
                || ws[0] % group != 0 || (ws[1] == 1 && ws[0] == group)) {
            return false;
        }
        if (Arrays.stream(ws).anyMatch(d -> d == 0)) {
            return false;
        }
        if (group == 1 && VectorSupport.enabled()) {
            pendingWeights = value;
        } else {
            var w = value.tensor();
            takenWeights = pack(w.floats(), (int) ws[0], w.size() / (int) ws[0]);
        }
        taken = ws;
        return true;
    }

    /// Puts pending weights into the form the first run's shapes call for ([Winograd#pays],
    /// [NarrowConvolution#pays]).
    private void settleTaken() {
        if (pendingWeights == null) {
            return;
        }
        var w = pendingWeights.tensor().floats();
        int m = (int) taken[0];
        int depth = w.length / m;
        if (planWindow != null && Winograd.pays(planWindow)) {
            takenFilters = Winograd.filters(w, 0, m, (int) taken[1], Winograd.tileFor(planWindow));
        } else if (NarrowConvolution.pays(plan.outputSize(), m, depth)) {
            takenTransposed = NarrowConvolution.weights(w, 0, m, depth);
        } else {
            takenWeights = pack(w, m, depth);
        }
        pendingWeights = null;
    }

    /// Whether this run reads the weights taken at planning time (`W` is absent and some were taken).
    private boolean usesTaken(RuntimeValue[] inputs) {
        return taken != null && inputs.length > 1 && inputs[1] == null;
    }

    @Override
    RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context) {
        return compute(x, inputs, context, null);
    }

    /// Bounds the float32 path's result as it is stored; other types are left to the caller.
    @Override
    public RuntimeValue[] runClamped(RuntimeValue[] inputs, KernelContext context, float lo, float hi) {
        if (!(inputs.length > 1 && inputs[0] instanceof Tensor x && x.type() == ElementType.FLOAT
                && (inputs[1] instanceof Tensor w && w.type() == ElementType.FLOAT || usesTaken(inputs))
                && (inputs.length < 3 || inputs[2] == null || inputs[2] instanceof Tensor b && b.type() == ElementType.FLOAT))) {
            return null;
        }
        return compute(firstInput(inputs), inputs, context, new Clamp(lo, hi));
    }

    private RuntimeValue[] compute(Tensor x, RuntimeValue[] inputs, KernelContext context, Clamp clamp) {
        boolean useTaken = usesTaken(inputs);
        var w = useTaken ? null : Operands.tensor(inputs, 1, "W", Operands.FLOATS);
        var b = Operands.optional(inputs, 2, "B");
        var xs = x.shape();
        var ws = useTaken ? taken : w.shape();
        var wText = useTaken ? "float" + Arrays.toString(taken).replace(" ", "") : w.describe();
        int spatial = xs.length - 2;
        int n = (int) xs[0];
        int c = (int) xs[1];
        int m = (int) ws[0];
        if (ws.length != xs.length || group < 1 || c % group != 0 || m % group != 0 || ws[1] != c / group) {
            throw new KernelException("W " + wText + " does not fit X " + x.describe() + " with group " + group);
        }
        if (b != null && (b.rank() != 1 || b.dim(0) != m)) {
            throw new KernelException("B must have shape [" + m + "], got " + b.describe());
        }
        boolean floatWeights = useTaken || w.type() == ElementType.FLOAT;
        if (x.type() == ElementType.FLOAT && floatWeights && (b == null || b.type() == ElementType.FLOAT)) {
            return new RuntimeValue[] {floats(x, w, ws, b, clamp, context)};
        }
        if (useTaken) {
            throw new KernelException("X " + x.describe() + " and B must be float like the weights " + wText);
        }
        if (clamp != null) {
            throw new IllegalStateException("a clamp reached the non-float32 path");
        }
        var geometry = window.geometry(Arrays.copyOfRange(xs, 2, xs.length), Arrays.copyOfRange(ws, 2, ws.length));
        int inSize = geometry.inputSize();
        int outSize = geometry.outputSize();
        int taps = geometry.kernelSize();
        var table = geometry.gatherTable();
        int cg = c / group;
        int mg = m / group;
        int rows = cg * taps;
        var xv = Numbers.toDoubles(x);
        var wv = Numbers.toDoubles(w);
        var bias = b == null ? null : Numbers.toDoubles(b);
        var outShape = new long[xs.length];
        outShape[0] = n;
        outShape[1] = m;
        System.arraycopy(geometry.output(), 0, outShape, 2, spatial);
        Operands.checkOutputSize(x.type(), outShape);
        var out = new double[n * m * outSize];
        int block = Math.max(1, Math.min(outSize, COLUMN_BUDGET / Math.max(1, rows)));
        var col = new double[rows * block];
        for (int img = 0; img < n; img++) {
            for (int g = 0; g < group; g++) {
                context.checkCancelled();
                int xBase = (img * c + g * cg) * inSize;
                for (int p0 = 0; p0 < outSize; p0 += block) {
                    int width = Math.min(block, outSize - p0);
                    for (int ch = 0; ch < cg; ch++) {
                        for (int k = 0; k < taps; k++) {
                            int row = (ch * taps + k) * width;
                            int t = k * outSize + p0;
                            int chBase = xBase + ch * inSize;
                            for (int p = 0; p < width; p++) {
                                int off = table[t + p];
                                col[row + p] = off >= 0 ? xv[chBase + off] : 0;
                            }
                        }
                    }
                    for (int oc = 0; oc < mg; oc++) {
                        int mAbs = g * mg + oc;
                        int o = (img * m + mAbs) * outSize + p0;
                        int wRow = mAbs * rows;
                        double bv = bias == null ? 0 : bias[mAbs];
                        for (int p = 0; p < width; p++) {
                            out[o + p] = bv;
                        }
                        for (int r = 0; r < rows; r++) {
                            double wt = wv[wRow + r];
                            int cr = r * width;
                            for (int p = 0; p < width; p++) {
                                out[o + p] += wt * col[cr + p];
                            }
                        }
                    }
                }
            }
        }
        return new RuntimeValue[] {Numbers.fromDoubles(x.type(), outShape, out)};
    }

    /// The float32 path: one vector-kernel call per image (and group), each output bounded by `clamp` (may be
    /// `null`) as it is stored — [Winograd] or [NarrowConvolution] with filters taken at planning time, the
    /// direct depthwise kernel, [DirectConvolution] for a few input channels, else im2col ([Convolution]); `w`
    /// is `null` when the weights (of shape `ws`) were taken at planning time.
    private Tensor floats(Tensor x, Tensor w, long[] ws, Tensor b, Clamp clamp, KernelContext context) {
        var xs = x.shape();
        int n = (int) xs[0];
        int c = (int) xs[1];
        int m = (int) ws[0];
        int cg = c / group;
        int mg = m / group;
        var plan = plan(xs, ws);
        var outShape = new long[xs.length];
        outShape[0] = n;
        outShape[1] = m;
        for (int i = 2; i < xs.length; i++) {
            outShape[i] = planOutput[i - 2];
        }
        Operands.checkOutputSize(x.type(), outShape);
        var out = context.output(ElementType.FLOAT, outShape);
        var o = out.floats();
        var xv = x.floats();
        var wv = w == null ? null : w.floats();
        var bias = b == null ? null : b.floats();
        int inSize = plan.inputSize();
        int outSize = plan.outputSize();
        boolean depthwise = cg == 1 && mg == 1;
        if (w == null) {
            settleTaken();
        }
        var weights = w == null ? takenWeights : depthwise ? null : packedWeights(wv, m, cg * plan.taps());
        boolean direct = planWindow != null && DirectConvolution.suits(planWindow, cg);
        for (int img = 0; img < n; img++) {
            context.checkCancelled();
            if (w == null && takenFilters != null) {
                if (planWindow == null) {
                    throw new KernelException("X " + x.describe() + " has a window the filters taken for Winograd's method do not take");
                }
                Winograd.forward(planWindow, xv, img * c * inSize, takenFilters, bias, 0, clamp, o, img * m * outSize,
                        context.threads());
                continue;
            }
            if (w == null && takenTransposed != null) {
                NarrowConvolution.forward(plan, xv, img * c * inSize, c, takenTransposed, bias, 0, clamp, o, img * m * outSize,
                        context.threads());
                continue;
            }
            if (depthwise && planWindow != null) {
                DepthwiseConvolution.forward(planWindow, xv, img * c * inSize, c, wv, 0, bias, 0, clamp, o, img * m * outSize,
                        context.threads());
                continue;
            }
            if (depthwise) {
                Convolution.depthwise(plan, xv, img * c * inSize, c, wv, 0, bias, 0, clamp, o, img * m * outSize, context.threads());
                continue;
            }
            for (int g = 0; g < group; g++) {
                if (direct) {
                    DirectConvolution.forward(planWindow, xv, (img * c + g * cg) * inSize, cg, weights[g], bias, g * mg, clamp, o,
                            (img * m + g * mg) * outSize, context.threads());
                } else {
                    Convolution.forward(plan, xv, (img * c + g * cg) * inSize, cg, weights[g], bias, g * mg, clamp, o,
                            (img * m + g * mg) * outSize, context.threads());
                }
            }
        }
        return out;
    }

    /// The plan for these shapes, reused while the spatial shapes of `X` and `W` repeat.
    private Convolution.Plan plan(long[] xs, long[] ws) {
        var shapes = new long[xs.length + ws.length - 4];
        System.arraycopy(xs, 2, shapes, 0, xs.length - 2);
        System.arraycopy(ws, 2, shapes, xs.length - 2, ws.length - 2);
        if (!Arrays.equals(shapes, planShapes)) {
            var geometry = window.geometry(Arrays.copyOfRange(xs, 2, xs.length), Arrays.copyOfRange(ws, 2, ws.length));
            plan = Convolution.plan(geometry.gatherTable(), geometry.kernelSize(), geometry.inputSize(), geometry.outputSize());
            planOutput = geometry.output();
            planWindow = geometry.window2d();
            planShapes = shapes;
        }
        return plan;
    }

    /// The weights of each group packed for [Convolution#forward], kept while constant weights stay the same array.
    private PackedA[] packedWeights(float[] wv, int m, int depth) {
        if (constantWeights && wv == packedSource) {
            return packed;
        }
        var result = pack(wv, m, depth);
        if (constantWeights) {
            packedSource = wv;
            packed = result;
        }
        return result;
    }

    /// The `m` filters of `depth` weights each, packed group by group.
    private PackedA[] pack(float[] wv, int m, int depth) {
        int mg = m / group;
        var result = new PackedA[group];
        for (int g = 0; g < group; g++) {
            result[g] = PackedA.of(wv, g * mg * depth, mg, depth, depth, 1, 1f);
        }
        return result;
    }
}
