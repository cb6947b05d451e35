package dev.loupe.executor.kernels.rnn;

import dev.loupe.executor.kernel.NodeSpec;

import java.util.List;

/// `GRU` 1, 3, 7 and 14 · X, W, R, B, initial_h: float, double, float16; sequence_lens: int32 → Y, Y_h.
///
/// Gates in the order z, r, h:
/// `z = f(x·Wzᵀ + H·Rzᵀ + Wbz + Rbz)`, `r = f(x·Wrᵀ + H·Rrᵀ + Wbr + Rbr)`,
/// `ĥ = g(x·Whᵀ + (r ⊙ H)·Rhᵀ + Rbh + Wbh)`, or with `linear_before_reset`
/// `ĥ = g(x·Whᵀ + r ⊙ (H·Rhᵀ + Rbh) + Wbh)`; then `H' = (1 - z) ⊙ ĥ + z ⊙ H`. `f` Sigmoid, `g` Tanh by default.
final class GruKernel extends RecurrentKernel {

    private final boolean linearBeforeReset;

    GruKernel(NodeSpec spec) {
        super(spec, 3, List.of("Sigmoid", "Tanh"));
        linearBeforeReset = spec.intAttr("linear_before_reset", 0) != 0;
    }

    @Override
    protected boolean hasCellState() {
        return false;
    }

    @Override
    protected void step(Weights w, double[] xw, int xwFrom, double[] h, double[] c, int stateFrom, double[] g) {
        int n = hidden;
        var rb = w.rb();
        // z and r
        System.arraycopy(xw, xwFrom, g, 0, 2 * n);
        addRecurrence(w.r(), w.rFrom(), 2 * n, h, stateFrom, g, 0);
        if (rb != null) {
            for (int j = 0; j < 2 * n; j++) {
                g[j] += rb[w.rbFrom() + j];
            }
        }
        clip(g, 0, 2 * n);
        w.activations().get(0).apply(g, 0, 2 * n);
        // candidate ĥ in g[2n, 3n)
        int rh = w.rFrom() + 2 * n * n;
        for (int j = 0; j < n; j++) {
            double s = 0;
            int row = rh + j * n;
            if (linearBeforeReset) {
                for (int k = 0; k < n; k++) {
                    s += w.r()[row + k] * h[stateFrom + k];
                }
                s = g[n + j] * (s + (rb == null ? 0 : rb[w.rbFrom() + 2 * n + j]));
            } else {
                for (int k = 0; k < n; k++) {
                    s += w.r()[row + k] * g[n + k] * h[stateFrom + k];
                }
                s += rb == null ? 0 : rb[w.rbFrom() + 2 * n + j];
            }
            g[2 * n + j] = xw[xwFrom + 2 * n + j] + s;
        }
        clip(g, 2 * n, n);
        w.activations().get(1).apply(g, 2 * n, n);
        for (int j = 0; j < n; j++) {
            double z = g[j];
            h[stateFrom + j] = (1 - z) * g[2 * n + j] + z * h[stateFrom + j];
        }
    }
}
