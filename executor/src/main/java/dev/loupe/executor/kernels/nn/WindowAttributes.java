package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;

import java.util.Arrays;

/// The sliding-window attributes shared by convolution and pooling: `kernel_shape`, `strides`, `dilations`,
/// `pads` and `auto_pad`, and pooling's `ceil_mode`. Absent lists mean "1 on every axis" (zeros for pads).
///
/// @param kernelShape `null` when the node leaves it to the weights (convolutions)
record WindowAttributes(long[] kernelShape, long[] strides, long[] dilations, long[] pads, AutoPad autoPad,
                        boolean ceilMode) {

    /// The `auto_pad` modes.
    enum AutoPad { NOTSET, SAME_UPPER, SAME_LOWER, VALID }

    static WindowAttributes of(NodeSpec node) {
        var name = node.stringAttr("auto_pad", "NOTSET");
        AutoPad autoPad;
        try {
            autoPad = AutoPad.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new KernelException("auto_pad \"" + name + "\" is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID");
        }
        return new WindowAttributes(node.intsAttr("kernel_shape", null), node.intsAttr("strides", null),
                node.intsAttr("dilations", null), node.intsAttr("pads", null), autoPad, node.intAttr("ceil_mode", 0) != 0);
    }

    /// Whether every stride and dilation is 1.
    boolean unitStridesAndDilations() {
        return (strides == null || Arrays.stream(strides).allMatch(v -> v == 1))
                && (dilations == null || Arrays.stream(dilations).allMatch(v -> v == 1));
    }

    /// The window over an input of spatial shape `input` with the given kernel (this node's `kernel_shape`
    /// when `kernel` is `null`).
    WindowGeometry geometry(long[] input, long[] kernel) {
        int n = input.length;
        var k = kernel != null ? kernel : kernelShape;
        if (k == null || k.length != n) {
            throw new KernelException("kernel_shape " + Arrays.toString(k) + " does not match " + n + " spatial axes");
        }
        var s = perAxis(strides, n, "strides");
        var d = perAxis(dilations, n, "dilations");
        var begin = new long[n];
        var end = new long[n];
        var out = new long[n];
        if (pads != null && autoPad == AutoPad.NOTSET) {
            if (pads.length != 2 * n) {
                throw new KernelException("pads " + Arrays.toString(pads) + " must have " + 2 * n + " values");
            }
            System.arraycopy(pads, 0, begin, 0, n);
            System.arraycopy(pads, n, end, 0, n);
        }
        for (int i = 0; i < n; i++) {
            long span = (k[i] - 1) * d[i] + 1;
            switch (autoPad) {
                case SAME_UPPER, SAME_LOWER -> {
                    out[i] = Math.ceilDiv(input[i], s[i]);
                    long total = Math.max(0, (out[i] - 1) * s[i] + span - input[i]);
                    begin[i] = autoPad == AutoPad.SAME_UPPER ? total / 2 : total - total / 2;
                    end[i] = total - begin[i];
                }
                case NOTSET, VALID -> {
                    long room = input[i] + begin[i] + end[i] - span;
                    if (room < 0) {
                        throw new KernelException("a window of " + span + " does not fit an axis of " + input[i]
                                + " with pads " + begin[i] + " and " + end[i]);
                    }
                    out[i] = (ceilMode ? Math.ceilDiv(room, s[i]) : room / s[i]) + 1;
                    if (ceilMode && (out[i] - 1) * s[i] >= input[i] + begin[i]) {
                        out[i]--;
                    }
                }
            }
        }
        return new WindowGeometry(input, k.clone(), s, d, begin, end, out);
    }

    private static long[] perAxis(long[] values, int n, String name) {
        if (values == null) {
            var ones = new long[n];
            Arrays.fill(ones, 1);
            return ones;
        }
        if (values.length != n || Arrays.stream(values).anyMatch(v -> v < 1)) {
            throw new KernelException(name + " " + Arrays.toString(values) + " must have " + n + " positive values");
        }
        return values;
    }
}
