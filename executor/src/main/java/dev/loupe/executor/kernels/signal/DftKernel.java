package dev.loupe.executor.kernels.signal;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Shapes;

import java.util.Arrays;

/// `DFT` 17 · input: float, double, float16, bfloat16 `[..., 1]` (real) or `[..., 2]` (complex); dft_length:
/// int32 or int64 scalar → output: the input's type `[..., 2]`.
///
/// Transforms along `axis` (default 1, not the last axis), after padding with zeros or cutting the signal to
/// `dft_length`; `inverse` runs the inverse transform (divided by the length), and `onesided` keeps the
/// first `⌊n/2⌋ + 1` frequencies.
final class DftKernel implements Kernel {

    private final long axis;
    private final boolean inverse;
    private final boolean onesided;

    DftKernel(NodeSpec spec) {
        axis = spec.intAttr("axis", 1);
        inverse = spec.intAttr("inverse", 0) != 0;
        onesided = spec.intAttr("onesided", 0) != 0;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] in, KernelContext context) {
        var x = SignalTensors.input(in, 0, "input", true);
        var lengthInput = SignalTensors.input(in, 1, "dft_length", false);
        var shape = x.shape();
        int rank = shape.length;
        if (rank < 2 || (shape[rank - 1] != 1 && shape[rank - 1] != 2)) {
            throw new KernelException("input must end in an axis of 1 (real) or 2 (complex) values, got " + x.describe());
        }
        int a = Shapes.normalizeAxis(axis, rank);
        if (a == rank - 1) {
            throw new KernelException("axis " + axis + " is the real/imaginary axis; it must be one of the signal's axes");
        }
        int components = (int) shape[rank - 1];
        int available = (int) shape[a];
        long n = lengthInput == null ? available : SignalTensors.integer(lengthInput, "dft_length");
        if (n < 1) {
            throw new KernelException("dft_length must be positive, got " + n);
        }
        int length = (int) n;
        int kept = onesided ? length / 2 + 1 : length;
        int outer = 1;
        for (int d = 0; d < a; d++) {
            outer *= (int) shape[d];
        }
        int inner = 1;
        for (int d = a + 1; d < rank - 1; d++) {
            inner *= (int) shape[d];
        }
        var v = SignalTensors.doubles(x, "input");
        var outShape = shape.clone();
        outShape[a] = kept;
        outShape[rank - 1] = 2;
        var y = new double[outer * kept * inner * 2];
        var fourier = new Fourier(length, inverse);
        var re = new double[length];
        var im = new double[length];
        for (int o = 0; o < outer; o++) {
            context.checkCancelled();
            for (int i = 0; i < inner; i++) {
                Arrays.fill(re, 0);
                Arrays.fill(im, 0);
                for (int k = 0; k < Math.min(available, length); k++) {
                    int at = ((o * available + k) * inner + i) * components;
                    re[k] = v[at];
                    im[k] = components == 2 ? v[at + 1] : 0;
                }
                fourier.transform(re, im, re, im);
                for (int k = 0; k < kept; k++) {
                    int at = ((o * kept + k) * inner + i) * 2;
                    y[at] = re[k];
                    y[at + 1] = im[k];
                }
            }
        }
        return new RuntimeValue[] {SignalTensors.of(x.type(), outShape, y)};
    }
}
