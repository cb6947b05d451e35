package dev.loupe.executor.kernels.rnn;

import dev.loupe.executor.kernel.NodeSpec;

import java.util.Arrays;
import java.util.List;

/// `GRU` 1, 3, 7 and 14 · X, W, R, B, initial_h: float, double, float16; sequence_lens: int32 → Y, Y_h.
///
/// Gates in the order z, r, h:
/// `z = f(x·Wzᵀ + H·Rzᵀ + Wbz + Rbz)`, `r = f(x·Wrᵀ + H·Rrᵀ + Wbr + Rbr)`,
/// `ĥ = g(x·Whᵀ + (r ⊙ H)·Rhᵀ + Rbh + Wbh)`, or with `linear_before_reset`
/// `ĥ = g(x·Whᵀ + r ⊙ (H·Rhᵀ + Rbh) + Wbh)`; then `H' = (1 - z) ⊙ ĥ + z ⊙ H`. `f` Sigmoid, `g` Tanh by default.
/// Float inputs run in float, `R` packed as two blocks (z and r, then h).
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

    @Override
    protected boolean hasFloatStep() {
        return true;
    }

    /// `R` packed as the z and r rows, then the h rows.
    @Override
    protected int[] recurrenceBlocks() {
        return new int[] {2, 1};
    }

    /// With `linear_before_reset` the candidate's `Rbh` is added inside the reset gate's product.
    @Override
    protected int foldedRecurrenceBias() {
        return linearBeforeReset ? 2 : 3;
    }

    @Override
    protected void stepFloats(FloatWeights w, float[] g, float[] h, float[] c, int stateFrom) {
        int n = hidden;
        w.r()[0].multiplyAdd(h, stateFrom, g, 0);
        clip(g, 0, 2 * n);
        w.activations().get(0).apply(g, 0, 2 * n);
        // the candidate in g[2n, 3n), with g[3n, 4n) as scratch
        int s = 3 * n;
        if (linearBeforeReset) {
            Arrays.fill(g, s, s + n, 0f);
            w.r()[1].multiplyAdd(h, stateFrom, g, s);
            var b = w.b();
            for (int j = 0; j < n; j++) {
                g[2 * n + j] += g[n + j] * (g[s + j] + (b == null ? 0f : b[w.rbFrom() + 2 * n + j]));
            }
        } else {
            for (int j = 0; j < n; j++) {
                g[s + j] = g[n + j] * h[stateFrom + j];
            }
            w.r()[1].multiplyAdd(g, s, g, 2 * n);
        }
        clip(g, 2 * n, n);
        w.activations().get(1).apply(g, 2 * n, n);
        for (int j = 0; j < n; j++) {
            float z = g[j];
            h[stateFrom + j] = (1 - z) * g[2 * n + j] + z * h[stateFrom + j];
        }
    }
}
