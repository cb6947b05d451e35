package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;

import java.util.Arrays;

/// `Pad` (versions 1, 2, 11, 13, 18, 19, 21), any element type: pads (or, with negative amounts, crops) each
/// axis. `mode` is `constant` (the `constant_value`, default zero), `reflect`, `edge` or `wrap` (version 19).
/// The amounts come from the `paddings` (version 1) or `pads` (version 2) attribute, and from the second
/// input from version 11, optionally restricted to the listed `axes` (version 18).
final class PadKernel extends SingleOutputKernel {

    private enum Mode { CONSTANT, REFLECT, EDGE, WRAP }

    private final Mode mode;
    private final long[] padsAttribute;
    private final float valueAttribute;

    PadKernel(NodeSpec node) {
        var name = node.stringAttr("mode", "constant");
        this.mode = switch (name) {
            case "constant" -> Mode.CONSTANT;
            case "reflect" -> Mode.REFLECT;
            case "edge" -> Mode.EDGE;
            case "wrap" -> Mode.WRAP;
            default -> throw new KernelException("mode \"" + name + "\" is not one of constant, reflect, edge, wrap");
        };
        boolean attributes = node.opsetVersion() < 11;
        this.padsAttribute = attributes ? node.intsAttr(node.opsetVersion() < 2 ? "paddings" : "pads", new long[0]) : null;
        this.valueAttribute = node.floatAttr("value", 0f);
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var x = Operands.tensor(inputs, 0, "data");
        int rank = x.rank();
        var pads = new long[2 * rank];
        Tensor fill;
        if (padsAttribute != null) {
            copyPads(padsAttribute, null, pads, rank);
            fill = Numbers.fromDoubles(x.type(), new long[0], new double[] {valueAttribute});
        } else {
            var axesInput = Operands.optional(inputs, 3, "axes");
            int[] axes = axesInput == null ? null : Operands.axes(Operands.longs(axesInput, "axes"), rank, "axes");
            copyPads(Operands.longs(Operands.tensor(inputs, 1, "pads"), "pads"), axes, pads, rank);
            fill = Operands.optional(inputs, 2, "constant_value");
            if (fill != null && (fill.type() != x.type() || fill.size() != 1)) {
                throw new KernelException("constant_value must be one " + x.type().onnxName() + ", got " + fill.describe());
            }
        }
        var shape = x.shape();
        var outShape = new long[rank];
        var maps = new int[rank][];
        for (int d = 0; d < rank; d++) {
            outShape[d] = shape[d] + pads[d] + pads[d + rank];
            if (outShape[d] < 0) {
                throw new KernelException("pads " + Arrays.toString(pads) + " crop axis " + d + " of " + x.describe() + " below 0");
            }
            if (shape[d] == 0 && outShape[d] > 0 && mode != Mode.CONSTANT) {
                throw new KernelException("cannot pad the empty axis " + d + " of " + x.describe() + " in " + mode + " mode");
            }
            maps[d] = sourceCoordinates((int) outShape[d], (int) shape[d], (int) pads[d]);
        }
        Operands.checkOutputSize(x.type(), outShape);
        var index = Elements.mapped(outShape, maps, Shapes.strides(shape));
        return mode == Mode.CONSTANT ? Elements.takeOrFill(x, outShape, index, fill) : Elements.take(x, outShape, index);
    }

    private static void copyPads(long[] given, int[] axes, long[] pads, int rank) {
        int n = axes == null ? rank : axes.length;
        if (given.length != 2 * n) {
            throw new KernelException("pads has " + given.length + " values, expected " + 2 * n);
        }
        for (int i = 0; i < n; i++) {
            int a = axes == null ? i : axes[i];
            pads[a] = given[i];
            pads[a + rank] = given[i + n];
        }
    }

    /// For each output coordinate on one axis, the input coordinate it copies, or -1 for the constant.
    private int[] sourceCoordinates(int out, int dim, int before) {
        var map = new int[out];
        for (int c = 0; c < out; c++) {
            int s = c - before;
            if (s < 0 || s >= dim) {
                s = switch (mode) {
                    case CONSTANT -> -1;
                    case EDGE -> s < 0 ? 0 : dim - 1;
                    case WRAP -> Math.floorMod(s, dim);
                    case REFLECT -> reflect(s, dim);
                };
            }
            map[c] = s;
        }
        return map;
    }

    private static int reflect(int s, int dim) {
        if (dim == 1) {
            return 0;
        }
        int period = 2 * (dim - 1);
        int m = Math.floorMod(s, period);
        return m < dim ? m : period - m;
    }
}
