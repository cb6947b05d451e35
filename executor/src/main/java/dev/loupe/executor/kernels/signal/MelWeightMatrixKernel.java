package dev.loupe.executor.kernels.signal;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.ElementType;

/// `MelWeightMatrix` 17 · num_mel_bins, dft_length, sample_rate: int32 or int64; lower_edge_hertz,
/// upper_edge_hertz: float → output: `output_datatype` (float) `[⌊dft_length/2⌋ + 1, num_mel_bins]`.
///
/// `num_mel_bins + 2` points equally spaced on the mel scale (`2595·log10(1 + f/700)`) between the edges are
/// mapped back to hertz and to spectrogram bins `⌊(dft_length + 1)·f / sample_rate⌋`; mel bin `i` is the
/// triangle rising from point `i` to 1 at point `i + 1` and falling to point `i + 2`.
final class MelWeightMatrixKernel implements Kernel {

    private final ElementType type;

    MelWeightMatrixKernel(NodeSpec spec) {
        type = SignalTensors.outputType(spec);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] in, KernelContext context) {
        int mels = (int) SignalTensors.integer(SignalTensors.input(in, 0, "num_mel_bins", true), "num_mel_bins");
        long dftLength = SignalTensors.integer(SignalTensors.input(in, 1, "dft_length", true), "dft_length");
        long sampleRate = SignalTensors.integer(SignalTensors.input(in, 2, "sample_rate", true), "sample_rate");
        double lower = SignalTensors.real(SignalTensors.input(in, 3, "lower_edge_hertz", true), "lower_edge_hertz");
        double upper = SignalTensors.real(SignalTensors.input(in, 4, "upper_edge_hertz", true), "upper_edge_hertz");
        if (mels < 1 || dftLength < 1 || sampleRate < 1 || lower < 0 || upper <= lower) {
            throw new KernelException("num_mel_bins " + mels + ", dft_length " + dftLength + ", sample_rate " + sampleRate
                    + " and edges " + lower + ".." + upper + " Hz do not describe a mel filter bank");
        }
        int spectrogramBins = (int) (dftLength / 2 + 1);
        double lowMel = toMel(lower);
        double step = (toMel(upper) - lowMel) / (mels + 2);
        var bin = new int[mels + 2];
        for (int i = 0; i < bin.length; i++) {
            double hertz = 700 * (Math.pow(10, (i * step + lowMel) / 2595) - 1);
            bin[i] = (int) Math.floor((dftLength + 1) * hertz / sampleRate);
        }
        var w = new double[spectrogramBins * mels];
        for (int i = 0; i < mels; i++) {
            int left = bin[i];
            int center = bin[i + 1];
            int right = bin[i + 2];
            if (center == left) {
                set(w, center, i, mels, 1);
            } else {
                for (int j = left; j <= center; j++) {
                    set(w, j, i, mels, (double) (j - left) / (center - left));
                }
            }
            for (int j = center; j < right; j++) {
                set(w, j, i, mels, (double) (right - j) / (right - center));
            }
        }
        return new RuntimeValue[] {SignalTensors.of(type, new long[] {spectrogramBins, mels}, w)};
    }

    private static double toMel(double hertz) {
        return 2595 * Math.log10(1 + hertz / 700);
    }

    private static void set(double[] w, int row, int column, int mels, double value) {
        if (row >= 0 && row < w.length / mels) {
            w[row * mels + column] = value;
        }
    }
}
