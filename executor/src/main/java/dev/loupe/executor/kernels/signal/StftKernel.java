package dev.loupe.executor.kernels.signal;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;

import java.util.Arrays;

/// `STFT` 17 · signal: float, double, float16, bfloat16 `[batch, length, 1 or 2]`; frame_step, frame_length:
/// int32 or int64 scalars; window: the signal's type `[frame_length]` → output `[batch, frames, bins, 2]`.
///
/// Frame `f` takes `frame_length` samples from `f · frame_step`, multiplied by the window when given, and is
/// Fourier-transformed; `frames = 1 + (length - frame_length) / frame_step`. With `onesided` (default 1) and
/// a real signal only the first `⌊frame_length/2⌋ + 1` bins are kept. The frame length comes from
/// `frame_length` or else from the window's length.
final class StftKernel implements Kernel {

    private final boolean onesided;

    StftKernel(NodeSpec spec) {
        onesided = spec.intAttr("onesided", 1) != 0;
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] in, KernelContext context) {
        var signal = SignalTensors.input(in, 0, "signal", true);
        long step = SignalTensors.integer(SignalTensors.input(in, 1, "frame_step", true), "frame_step");
        var windowInput = SignalTensors.input(in, 2, "window", false);
        var lengthInput = SignalTensors.input(in, 3, "frame_length", false);
        if (signal.rank() != 3 || (signal.dim(2) != 1 && signal.dim(2) != 2)) {
            throw new KernelException("input signal must be [batch, length, 1 or 2], got " + signal.describe());
        }
        double[] window = windowInput == null ? null : SignalTensors.doubles(windowInput, "window");
        long frameLength;
        if (lengthInput != null) {
            frameLength = SignalTensors.integer(lengthInput, "frame_length");
            if (window != null && window.length != frameLength) {
                throw new KernelException("the window has " + window.length + " values but frame_length is " + frameLength);
            }
        } else if (window != null) {
            frameLength = window.length;
        } else {
            throw new KernelException("either window or frame_length must be given");
        }
        int batch = (int) signal.dim(0);
        int length = (int) signal.dim(1);
        int components = (int) signal.dim(2);
        if (step < 1 || frameLength < 1 || frameLength > length) {
            throw new KernelException("frame_step " + step + " and frame_length " + frameLength + " do not fit a signal of " + length);
        }
        int n = (int) frameLength;
        int frames = (int) (1 + (length - frameLength) / step);
        int bins = onesided && components == 1 ? n / 2 + 1 : n;
        var v = SignalTensors.doubles(signal, "signal");
        var y = new double[batch * frames * bins * 2];
        var fourier = new Fourier(n, false);
        var re = new double[n];
        var im = new double[n];
        for (int b = 0; b < batch; b++) {
            context.checkCancelled();
            for (int f = 0; f < frames; f++) {
                Arrays.fill(im, 0);
                for (int k = 0; k < n; k++) {
                    int at = (b * length + f * (int) step + k) * components;
                    double w = window == null ? 1 : window[k];
                    re[k] = v[at] * w;
                    im[k] = components == 2 ? v[at + 1] * w : 0;
                }
                fourier.transform(re, im, re, im);
                int out = (b * frames + f) * bins * 2;
                for (int k = 0; k < bins; k++) {
                    y[out + 2 * k] = re[k];
                    y[out + 2 * k + 1] = im[k];
                }
            }
        }
        return new RuntimeValue[] {SignalTensors.of(signal.type(), new long[] {batch, frames, bins, 2}, y)};
    }
}
