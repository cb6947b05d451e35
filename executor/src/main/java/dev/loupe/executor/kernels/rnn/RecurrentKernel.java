package dev.loupe.executor.kernels.rnn;

import dev.loupe.executor.kernel.ConstantInput;
import dev.loupe.executor.kernel.ConstantTakingKernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.simd.PackedB;
import dev.loupe.executor.simd.PackedMatrix;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/// The template of the recurrent operators: reads the inputs the three share (`X`, `W`, `R`, `B`,
/// `sequence_lens`, `initial_h`, and for LSTM `initial_c` and `P`), handles `layout`, `direction` and the
/// per-sample sequence lengths, and assembles `Y`, `Y_h` (and `Y_c`); a subclass supplies one cell update.
///
/// Inputs are float, double or float16 and computed in double, except float inputs of an operator with a
/// float step ([#hasFloatStep()]), computed in float. `X·Wᵀ + Wb` is computed for all steps up front, as
/// one vector SGEMM; the subclass adds the recurrence, with plain loops that are fast from the first run
/// ([PackedMatrix], [GateFunctions]): a step's product is too small for the SGEMM to pay. A sample's steps beyond its sequence length leave its state unchanged and its `Y` rows zero;
/// the reverse direction walks each sample from its own last step.
///
/// In a fast plan, float32 `W` and `R` of an operator with a float step are taken when the plan is made
/// ([ConstantTakingKernel]) and kept only packed.
abstract class RecurrentKernel implements ConstantTakingKernel {

    /// The recurrence weights of one direction, as flat arrays with offsets.
    ///
    /// @param r `R` of all directions
    /// @param rFrom where this direction's `[gates * hidden, hidden]` block of `r` starts
    /// @param rb `B` of all directions, or `null` without `B`
    /// @param rbFrom where this direction's recurrence bias `Rb` starts in `rb`
    /// @param p the LSTM peepholes of all directions, or `null`
    /// @param pFrom where this direction's `[3 * hidden]` peepholes start in `p`
    /// @param activations this direction's activation functions in the operator's order
    record Weights(double[] r, int rFrom, double[] rb, int rbFrom, double[] p, int pFrom, List<Activation> activations) {
    }

    /// The recurrence weights of one direction for [#stepFloats].
    ///
    /// @param r this direction's `R` (`[gates * hidden, hidden]`) packed for matrix-vector products, in the
    ///     row blocks of [#recurrenceBlocks()]
    /// @param b `B` of all directions, or `null` without `B`
    /// @param rbFrom where this direction's recurrence bias `Rb` starts in `b`
    /// @param p the LSTM peepholes of all directions, or `null`
    /// @param pFrom where this direction's `[3 * hidden]` peepholes start in `p`
    /// @param activations this direction's activation functions in the operator's order
    record FloatWeights(PackedMatrix[] r, float[] b, int rbFrom, float[] p, int pFrom, List<Activation> activations) {
    }

    protected final int hidden;
    private final double clipBound;
    private final int gates;
    private final int directions;
    private final boolean reverse;
    private final boolean batchFirst;
    private final List<Activation> activations;
    private final int activationsPerDirection;
    private final boolean constantInputWeights;
    private final boolean constantRecurrence;
    /// The packed `W` and `R` of each direction and the arrays they came from, each kept while a constant
    /// weight stays the same array (records, so a concurrent run sees both parts or neither).
    private volatile Packed<PackedB[]> packedInputWeights;
    private volatile Packed<PackedMatrix[][]> packedRecurrence;
    /// A `W` and an `R` taken at planning time, or `null`.
    private Taken<PackedB[]> takenInputWeights;
    private Taken<PackedMatrix[][]> takenRecurrence;
    /// The float path's working arrays, kept between runs: allocating the input projection afresh (half a
    /// megabyte for 128 steps of 256 hidden LSTM units, a "humongous" object for G1) cost up to 2 ms per
    /// call in phases of a run's life. A kernel runs on one thread at a time.
    private final FloatScratch floatScratch = new FloatScratch();

    private record Packed<T>(float[] source, T directions) {
    }

    private record Taken<T>(long[] shape, T directions) {
    }

    RecurrentKernel(NodeSpec spec, int gates, List<String> defaultActivations) {
        this.gates = gates;
        hidden = (int) spec.intAttr("hidden_size", -1);
        float c = spec.floatAttr("clip", 0f);
        clipBound = c > 0 ? c : Double.POSITIVE_INFINITY;
        var direction = spec.stringAttr("direction", "forward");
        switch (direction) {
            case "forward", "reverse", "bidirectional" -> { }
            default -> throw new KernelException("direction '" + direction + "' is not one of forward, reverse, bidirectional");
        }
        directions = direction.equals("bidirectional") ? 2 : 1;
        reverse = direction.equals("reverse");
        batchFirst = spec.intAttr("layout", 0) == 1;
        activationsPerDirection = defaultActivations.size();
        var names = spec.stringsAttr("activations", null);
        if (names == null) {
            names = directions == 2 ? concat(defaultActivations, defaultActivations) : defaultActivations;
        }
        if (names.size() != activationsPerDirection && names.size() != activationsPerDirection * directions) {
            throw new KernelException("activations lists " + names.size() + " functions, expected " + activationsPerDirection * directions);
        }
        constantInputWeights = spec.isConstantInput(1);
        constantRecurrence = spec.isConstantInput(2);
        activations = Activation.parse(names, spec.floatsAttr("activation_alpha", null), spec.floatsAttr("activation_beta", null));
    }

    /// Whether the cell carries a cell state besides the hidden state (LSTM).
    protected abstract boolean hasCellState();

    /// Updates the state of one sample for one step: `xw[xwFrom, + gates * hidden)` holds `x·Wᵀ + Wb`, `h`
    /// (and `c`) hold the sample's state at `stateFrom`, to be replaced by the new state; `scratch` has room
    /// for `gates * hidden` values.
    protected abstract void step(Weights w, double[] xw, int xwFrom, double[] h, double[] c, int stateFrom, double[] scratch);

    /// Whether float inputs run [#stepFloats] (otherwise they are computed in double with [#step]).
    protected boolean hasFloatStep() {
        return false;
    }

    /// The float form of [#step]: `g[0, gates * hidden)` holds `x·Wᵀ + Wb + Rb` for this step (`Rb` only for
    /// the first [#foldedRecurrenceBias()] gates) and may be overwritten, like the `hidden` values after them;
    /// `h` (and `c`) hold the sample's state at `stateFrom`, to be replaced by the new state.
    protected void stepFloats(FloatWeights w, float[] g, float[] h, float[] c, int stateFrom) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no float step");
    }

    /// How many gates each row block of the packed `R` holds, in order (one block of all gates by default).
    protected int[] recurrenceBlocks() {
        return new int[] {gates};
    }

    /// How many leading gates have their recurrence bias folded into the float input projection (all by
    /// default).
    protected int foldedRecurrenceBias() {
        return gates;
    }

    /// Takes a float32 `W` (slot 1) or `R` (slot 2) of shape `[directions, gates * h, cols]` when this
    /// operator has a float step, packing it as the float path does.
    @Override
    public boolean take(int slot, ConstantInput value) {
        var shape = value.shape();
        if ((slot != 1 && slot != 2) || value.type() != ElementType.FLOAT || !hasFloatStep() || shape.length != 3
                || shape[0] != directions || shape[1] % gates != 0 || shape[1] * shape[2] == 0) {
            return false;
        }
        int gh = (int) shape[1];
        int cols = (int) shape[2];
        var values = value.tensor().floats();
        if (slot == 1) {
            takenInputWeights = new Taken<>(shape, packInputWeights(values, gh, cols));
        } else {
            takenRecurrence = new Taken<>(shape, packRecurrence(values, gh, cols));
        }
        return true;
    }

    @Override
    public final RuntimeValue[] run(RuntimeValue[] in, KernelContext context) {
        var x = input(in, 0, "X", true);
        var type = x.type();
        if (x.rank() != 3) {
            throw new KernelException("input X must be 3-D, got " + x.describe());
        }
        int seq = (int) x.dim(batchFirst ? 1 : 0);
        int batch = (int) x.dim(batchFirst ? 0 : 1);
        int inputSize = (int) x.dim(2);
        boolean takenW = takenInputWeights != null && in.length > 1 && in[1] == null;
        boolean takenR = takenRecurrence != null && in.length > 2 && in[2] == null;
        var wT = takenW ? null : input(in, 1, "W", true);
        var rT = takenR ? null : input(in, 2, "R", true);
        int h = hidden > 0 ? hidden : (int) (takenR ? takenRecurrence.shape()[2] : rT.dim(2));
        int gh = gates * h;
        if ((takenW || takenR) && type != ElementType.FLOAT) {
            throw new KernelException("input X is " + type.onnxName() + ", expected float like the weights");
        }
        checkShape("W", takenW ? takenInputWeights.shape() : wT.shape(), takenW ? ElementType.FLOAT : wT.type(), type,
                directions, gh, inputSize);
        checkShape("R", takenR ? takenRecurrence.shape() : rT.shape(), takenR ? ElementType.FLOAT : rT.type(), type,
                directions, gh, h);
        var bT = input(in, 3, "B", false);
        if (bT != null) {
            checkShape("B", bT.shape(), bT.type(), type, directions, 2L * gh);
        }
        var lengths = sequenceLengths(input(in, 4, "sequence_lens", false), seq, batch);
        var h0 = state(input(in, 5, "initial_h", false), "initial_h", type, batch, h);
        var c0 = hasCellState() ? state(input(in, 6, "initial_c", false), "initial_c", type, batch, h) : null;
        var pT = hasCellState() ? input(in, 7, "P", false) : null;
        if (pT != null) {
            checkShape("P", pT.shape(), pT.type(), type, directions, 3L * h);
        }

        if (type == ElementType.FLOAT && hasFloatStep()) {
            return runFloats(context, x.floats(), seq, batch, inputSize, h, takenW ? null : wT.floats(),
                    takenR ? null : rT.floats(), bT == null ? null : bT.floats(), lengths, h0, c0,
                    pT == null ? null : pT.floats());
        }
        var xs = RecurrentArrays.toDoubles(x);
        if (batchFirst) {
            xs = swapLeadingAxes(xs, batch, seq, inputSize);
        }
        var w = RecurrentArrays.toDoubles(wT);
        var r = RecurrentArrays.toDoubles(rT);
        var b = bT == null ? null : RecurrentArrays.toDoubles(bT);
        var p = pT == null ? null : RecurrentArrays.toDoubles(pT);
        var y = new double[seq * directions * batch * h];
        var yh = new double[directions * batch * h];
        var yc = hasCellState() ? new double[directions * batch * h] : null;
        var scratch = new double[gh];
        for (int d = 0; d < directions; d++) {
            context.checkCancelled();
            var xw = inputProjection(xs, seq * batch, inputSize, w, d * gh * inputSize, gh, b, d * 2 * gh);
            var weights = new Weights(r, d * gh * h, b, d * 2 * gh + gh, p, d * 3 * h, directionActivations(d));
            boolean backwards = reverse || d == 1;
            var hs = Arrays.copyOfRange(h0, d * batch * h, (d + 1) * batch * h);
            var cs = c0 == null ? null : Arrays.copyOfRange(c0, d * batch * h, (d + 1) * batch * h);
            for (int s = 0; s < seq; s++) {
                for (int n = 0; n < batch; n++) {
                    if (s >= lengths[n]) {
                        continue;
                    }
                    int t = backwards ? lengths[n] - 1 - s : s;
                    step(weights, xw, (t * batch + n) * gh, hs, cs, n * h, scratch);
                    System.arraycopy(hs, n * h, y, ((t * directions + d) * batch + n) * h, h);
                }
            }
            System.arraycopy(hs, 0, yh, d * batch * h, batch * h);
            if (cs != null) {
                System.arraycopy(cs, 0, yc, d * batch * h, batch * h);
            }
        }
        return outputs(type, y, yh, yc, seq, batch, h);
    }

    /// The float path; `w` and `r` are `null` when they were taken at planning time.
    private RuntimeValue[] runFloats(KernelContext context, float[] xs, int seq, int batch, int inputSize, int h,
                                     float[] w, float[] r, float[] b, int[] lengths, double[] h0, double[] c0, float[] p) {
        int gh = gates * h;
        if (batchFirst) {
            xs = RecurrentArrays.swapLeadingAxes(xs, new float[xs.length], batch, seq, inputSize);
        }
        var yT = batchFirst ? null : context.output(ElementType.FLOAT, seq, directions, batch, h);
        var y = batchFirst ? new float[seq * directions * batch * h] : yT.floats();
        if (!batchFirst && Arrays.stream(lengths).anyMatch(length -> length < seq)) {
            Arrays.fill(y, 0f);
        }
        var yh = new float[directions * batch * h];
        var yc = c0 == null ? null : new float[directions * batch * h];
        var g = floatScratch.gates(gh + h);
        var xw = floatScratch.projection(seq * batch * gh);
        var packedW = packedInputWeights(w, gh, inputSize);
        var packedR = packedRecurrence(r, gh, h);
        for (int d = 0; d < directions; d++) {
            context.checkCancelled();
            RecurrentArrays.inputProjection(xs, seq * batch, packedW[d], b, d * 2 * gh, foldedRecurrenceBias() * h, xw,
                    context.threads());
            var weights = new FloatWeights(packedR[d], b, d * 2 * gh + gh, p, d * 3 * h, directionActivations(d));
            boolean backwards = reverse || d == 1;
            var hs = RecurrentArrays.floats(h0, d * batch * h, batch * h);
            var cs = c0 == null ? null : RecurrentArrays.floats(c0, d * batch * h, batch * h);
            for (int s = 0; s < seq; s++) {
                for (int n = 0; n < batch; n++) {
                    if (s >= lengths[n]) {
                        continue;
                    }
                    int t = backwards ? lengths[n] - 1 - s : s;
                    System.arraycopy(xw, (t * batch + n) * gh, g, 0, gh);
                    stepFloats(weights, g, hs, cs, n * h);
                    System.arraycopy(hs, n * h, y, ((t * directions + d) * batch + n) * h, h);
                }
            }
            System.arraycopy(hs, 0, yh, d * batch * h, batch * h);
            if (cs != null) {
                System.arraycopy(cs, 0, yc, d * batch * h, batch * h);
            }
        }
        if (batchFirst) {
            yT = context.output(ElementType.FLOAT, batch, seq, directions, h);
            RecurrentArrays.swapLeadingAxes(y, yT.floats(), seq * directions, batch, h);
        }
        var yhT = stateTensor(yh, batch, h);
        return yc == null ? new RuntimeValue[] {yT, yhT} : new RuntimeValue[] {yT, yhT, stateTensor(yc, batch, h)};
    }

    /// `W` packed, from the cache while constant weights stay the same array; `w` is `null` when it was taken.
    private PackedB[] packedInputWeights(float[] w, int gh, int inputSize) {
        if (w == null) {
            return takenInputWeights.directions();
        }
        var cached = packedInputWeights;
        if (cached != null && cached.source() == w) {
            return cached.directions();
        }
        var result = packInputWeights(w, gh, inputSize);
        if (constantInputWeights) {
            packedInputWeights = new Packed<>(w, result);
        }
        return result;
    }

    /// Each direction's `[gh, inputSize]` block of `w`, transposed and packed as the right operand of the
    /// input projection.
    private PackedB[] packInputWeights(float[] w, int gh, int inputSize) {
        var result = new PackedB[directions];
        for (int d = 0; d < directions; d++) {
            result[d] = PackedB.of(w, d * gh * inputSize, inputSize, gh, 1, inputSize);
        }
        return result;
    }

    /// `R` packed, from the cache while constant weights stay the same array; `r` is `null` when it was taken.
    private PackedMatrix[][] packedRecurrence(float[] r, int gh, int h) {
        if (r == null) {
            return takenRecurrence.directions();
        }
        var cached = packedRecurrence;
        if (cached != null && cached.source() == r) {
            return cached.directions();
        }
        var result = packRecurrence(r, gh, h);
        if (constantRecurrence) {
            packedRecurrence = new Packed<>(r, result);
        }
        return result;
    }

    /// `R` packed in the row blocks of [#recurrenceBlocks()].
    private PackedMatrix[][] packRecurrence(float[] r, int gh, int h) {
        return pack(r, gh, h, Arrays.stream(recurrenceBlocks()).map(gatesInBlock -> gatesInBlock * h).toArray());
    }

    /// Packs each direction's `[gh, cols]` block of `m` as matrices of the given row counts, in order.
    private PackedMatrix[][] pack(float[] m, int gh, int cols, int[] blockRows) {
        var result = new PackedMatrix[directions][blockRows.length];
        for (int d = 0; d < directions; d++) {
            int row = 0;
            for (int k = 0; k < blockRows.length; k++) {
                result[d][k] = PackedMatrix.of(m, (d * gh + row) * cols, blockRows[k], cols);
                row += blockRows[k];
            }
        }
        return result;
    }

    /// `Y_h` or `Y_c` over `v` (`[directions, batch, h]`, owned by the result from now on), in the node's layout.
    private Tensor stateTensor(float[] v, int batch, int h) {
        return batchFirst ? Tensor.ofFloats(new long[] {batch, directions, h}, RecurrentArrays.swapLeadingAxes(v, new float[v.length], directions, batch, h))
                : Tensor.ofFloats(new long[] {directions, batch, h}, v);
    }

    private List<Activation> directionActivations(int d) {
        return activations.size() == activationsPerDirection ? activations
                : activations.subList(d * activationsPerDirection, (d + 1) * activationsPerDirection);
    }

    private RuntimeValue[] outputs(ElementType type, double[] y, double[] yh, double[] yc, int seq, int batch, int h) {
        Tensor yT;
        Tensor yhT;
        Tensor ycT = null;
        if (batchFirst) {
            yT = RecurrentArrays.fromDoubles(type, batchToFront(y, seq * directions, batch, h), batch, seq, directions, h);
            yhT = RecurrentArrays.fromDoubles(type, batchToFront(yh, directions, batch, h), batch, directions, h);
            if (yc != null) {
                ycT = RecurrentArrays.fromDoubles(type, batchToFront(yc, directions, batch, h), batch, directions, h);
            }
        } else {
            yT = RecurrentArrays.fromDoubles(type, y, seq, directions, batch, h);
            yhT = RecurrentArrays.fromDoubles(type, yh, directions, batch, h);
            if (yc != null) {
                ycT = RecurrentArrays.fromDoubles(type, yc, directions, batch, h);
            }
        }
        return yc == null ? new RuntimeValue[] {yT, yhT} : new RuntimeValue[] {yT, yhT, ycT};
    }

    /// `x·Wᵀ + Wb` for all `rows` rows of `x` (`[rows, k]`), with `W` `[n, k]` at `wFrom` and `Wb` at `bFrom`.
    private static double[] inputProjection(double[] x, int rows, int k, double[] w, int wFrom, int n, double[] b, int bFrom) {
        var out = new double[rows * n];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                double s = b == null ? 0 : b[bFrom + j];
                int wr = wFrom + j * k;
                int xr = i * k;
                for (int q = 0; q < k; q++) {
                    s += x[xr + q] * w[wr + q];
                }
                out[i * n + j] = s;
            }
        }
        return out;
    }

    /// `out[outFrom + j] += Σ_k r[rFrom + j·hidden + k] · h[hFrom + k]` for `j < rows`.
    protected final void addRecurrence(double[] r, int rFrom, int rows, double[] h, int hFrom, double[] out, int outFrom) {
        for (int j = 0; j < rows; j++) {
            double s = 0;
            int rr = rFrom + j * hidden;
            for (int k = 0; k < hidden; k++) {
                s += r[rr + k] * h[hFrom + k];
            }
            out[outFrom + j] += s;
        }
    }

    /// Clamps `v[from, from + n)` to `[-clip, clip]` when the node sets `clip`.
    protected final void clip(float[] v, int from, int n) {
        if (clipBound != Double.POSITIVE_INFINITY) {
            float bound = (float) clipBound;
            for (int i = from; i < from + n; i++) {
                v[i] = Math.max(-bound, Math.min(bound, v[i]));
            }
        }
    }

    /// Clamps `v[from, from + n)` to `[-clip, clip]` when the node sets `clip`.
    protected final void clip(double[] v, int from, int n) {
        if (clipBound != Double.POSITIVE_INFINITY) {
            for (int i = from; i < from + n; i++) {
                v[i] = Math.max(-clipBound, Math.min(clipBound, v[i]));
            }
        }
    }

    private int[] sequenceLengths(Tensor t, int seq, int batch) {
        var out = new int[batch];
        Arrays.fill(out, seq);
        if (t == null) {
            return out;
        }
        if (t.size() != batch || (t.type() != ElementType.INT32 && t.type() != ElementType.INT64)) {
            throw new KernelException("sequence_lens must be int32[" + batch + "], got " + t.describe());
        }
        for (int n = 0; n < batch; n++) {
            long len = t.getLong(n);
            if (len < 0 || len > seq) {
                throw new KernelException("sequence_lens[" + n + "] = " + len + " is outside [0, " + seq + "]");
            }
            out[n] = (int) len;
        }
        return out;
    }

    /// An initial state as `[directions, batch, hidden]`, zeros when absent.
    private double[] state(Tensor t, String name, ElementType type, int batch, int h) {
        if (t == null) {
            return new double[directions * batch * h];
        }
        if (batchFirst) {
            checkShape(name, t.shape(), t.type(), type, batch, directions, h);
            return swapLeadingAxes(RecurrentArrays.toDoubles(t), batch, directions, h);
        }
        checkShape(name, t.shape(), t.type(), type, directions, batch, h);
        return RecurrentArrays.toDoubles(t);
    }

    private static Tensor input(RuntimeValue[] in, int i, String name, boolean required) {
        var v = i < in.length ? in[i] : null;
        if (v == null) {
            if (required) {
                throw new KernelException("input " + name + " is missing");
            }
            return null;
        }
        if (!(v instanceof Tensor t)) {
            throw new KernelException("input " + name + " must be a tensor, got " + v.describe());
        }
        return t;
    }

    /// Checks that input `name`, of `shape` and element type `actual`, is of `type` with the given dims.
    private static void checkShape(String name, long[] shape, ElementType actual, ElementType type, long... dims) {
        if (actual != type) {
            throw new KernelException("input " + name + " is " + actual.onnxName() + ", expected " + type.onnxName() + " like X");
        }
        if (!Arrays.equals(shape, dims)) {
            throw new KernelException("input " + name + " has shape " + Arrays.toString(shape)
                    + ", expected " + Arrays.toString(dims));
        }
    }

    /// `[a, b, rest]` → `[b, a, rest]`.
    private static double[] swapLeadingAxes(double[] v, int a, int b, int rest) {
        return RecurrentArrays.swapLeadingAxes(v, new double[v.length], a, b, rest);
    }

    /// `[outer, batch, h]` → `[batch, outer, h]`.
    private static double[] batchToFront(double[] v, int outer, int batch, int h) {
        return swapLeadingAxes(v, outer, batch, h);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
