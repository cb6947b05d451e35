package dev.loupe.executor.kernels.quant;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;

import java.util.Arrays;

/// The shape arithmetic of an N-d convolution from the `Conv` attributes (`auto_pad`, `pads`, `strides`,
/// `dilations`, `group`, `kernel_shape`) and the shapes of X `[N, C, D1, ...]` and W `[M, C/group, k1, ...]`.
///
/// @param batch `N`
/// @param channels `C`, the input channels
/// @param maps `M`, the output channels
/// @param group the number of channel groups
/// @param input the input's spatial size
/// @param kernel the kernel's spatial size
/// @param output the output's spatial size
/// @param strides the stride along each spatial axis
/// @param dilations the dilation along each spatial axis
/// @param padBegin the padding before each spatial axis
record ConvGeometry(int batch, int channels, int maps, int group, int[] input, int[] kernel, int[] output,
                    int[] strides, int[] dilations, int[] padBegin) {

    /// The attributes of a node, read once; absent ones are `null` (`group` 1).
    ///
    /// @param autoPad `NOTSET`, `VALID`, `SAME_UPPER` or `SAME_LOWER`
    /// @param pads begin then end padding per spatial axis
    /// @param strides the stride per spatial axis
    /// @param dilations the dilation per spatial axis
    /// @param group the number of channel groups
    /// @param kernelShape the kernel's spatial size, else taken from W
    record Attributes(String autoPad, long[] pads, long[] strides, long[] dilations, int group, long[] kernelShape) {

        static Attributes of(NodeSpec spec) {
            var autoPad = spec.stringAttr("auto_pad", "NOTSET");
            switch (autoPad) {
                case "NOTSET", "VALID", "SAME_UPPER", "SAME_LOWER" -> { }
                default -> throw new KernelException("auto_pad '" + autoPad + "' is not one of NOTSET, VALID, SAME_UPPER, SAME_LOWER");
            }
            return new Attributes(autoPad, spec.intsAttr("pads", null), spec.intsAttr("strides", null),
                    spec.intsAttr("dilations", null), (int) spec.intAttr("group", 1), spec.intsAttr("kernel_shape", null));
        }
    }

    static ConvGeometry of(Attributes a, long[] x, long[] w) {
        if (x.length < 3 || w.length != x.length) {
            throw new KernelException("X " + Arrays.toString(x) + " and W " + Arrays.toString(w)
                    + " must have the same rank, at least 3 ([N, C, spatial...])");
        }
        int rank = x.length - 2;
        int channels = (int) x[1];
        int maps = (int) w[0];
        if (a.group() <= 0 || channels % a.group() != 0 || maps % a.group() != 0 || w[1] * a.group() != channels) {
            throw new KernelException("W " + Arrays.toString(w) + " does not fit X " + Arrays.toString(x) + " with group " + a.group());
        }
        var input = new int[rank];
        var kernel = new int[rank];
        var output = new int[rank];
        var strides = new int[rank];
        var dilations = new int[rank];
        var begin = new int[rank];
        for (int d = 0; d < rank; d++) {
            input[d] = (int) x[d + 2];
            kernel[d] = (int) (a.kernelShape() != null ? a.kernelShape()[d] : w[d + 2]);
            strides[d] = a.strides() != null ? (int) a.strides()[d] : 1;
            dilations[d] = a.dilations() != null ? (int) a.dilations()[d] : 1;
            int extent = dilations[d] * (kernel[d] - 1) + 1;
            switch (a.autoPad()) {
                case "VALID" -> output[d] = Math.floorDiv(input[d] - extent, strides[d]) + 1;
                case "SAME_UPPER", "SAME_LOWER" -> {
                    output[d] = (input[d] + strides[d] - 1) / strides[d];
                    int total = Math.max(0, (output[d] - 1) * strides[d] + extent - input[d]);
                    begin[d] = a.autoPad().equals("SAME_UPPER") ? total / 2 : total - total / 2;
                }
                default -> {
                    long pb = a.pads() != null ? a.pads()[d] : 0;
                    long pe = a.pads() != null ? a.pads()[d + rank] : 0;
                    begin[d] = (int) pb;
                    output[d] = (int) Math.floorDiv(input[d] + pb + pe - extent, strides[d]) + 1;
                }
            }
            if (output[d] < 0) {
                throw new KernelException("the kernel " + Arrays.toString(kernel) + " does not fit the input " + Arrays.toString(input));
            }
        }
        return new ConvGeometry((int) x[0], channels, maps, a.group(), input, kernel, output, strides, dilations, begin);
    }

    /// `[N, M, output...]`.
    long[] outputShape() {
        var s = new long[input.length + 2];
        s[0] = batch;
        s[1] = maps;
        for (int d = 0; d < output.length; d++) {
            s[d + 2] = output[d];
        }
        return s;
    }
}
