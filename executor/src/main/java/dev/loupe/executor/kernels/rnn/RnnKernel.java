package dev.loupe.executor.kernels.rnn;

import dev.loupe.executor.kernel.NodeSpec;

import java.util.List;

/// `RNN` 1, 7 and 14 · X, W, R, B, initial_h: float, double, float16; sequence_lens: int32 → Y, Y_h.
///
/// `Hₜ = f(xₜ·Wᵀ + Hₜ₋₁·Rᵀ + Wb + Rb)`, `f` Tanh by default.
final class RnnKernel extends RecurrentKernel {

    RnnKernel(NodeSpec spec) {
        super(spec, 1, List.of("Tanh"));
    }

    @Override
    protected boolean hasCellState() {
        return false;
    }

    @Override
    protected void step(Weights w, double[] xw, int xwFrom, double[] h, double[] c, int stateFrom, double[] g) {
        System.arraycopy(xw, xwFrom, g, 0, hidden);
        addRecurrence(w.r(), w.rFrom(), hidden, h, stateFrom, g, 0);
        if (w.rb() != null) {
            for (int j = 0; j < hidden; j++) {
                g[j] += w.rb()[w.rbFrom() + j];
            }
        }
        clip(g, 0, hidden);
        w.activations().get(0).apply(g, 0, hidden);
        System.arraycopy(g, 0, h, stateFrom, hidden);
    }

    @Override
    protected boolean hasFloatStep() {
        return true;
    }

    @Override
    protected void stepFloats(FloatWeights w, float[] g, float[] h, float[] c, int stateFrom) {
        w.r()[0].multiplyAdd(h, stateFrom, g, 0);
        clip(g, 0, hidden);
        w.activations().get(0).apply(g, 0, hidden);
        System.arraycopy(g, 0, h, stateFrom, hidden);
    }
}
