package dev.loupe.executor.kernels.rnn;

import dev.loupe.executor.kernel.NodeSpec;

import java.util.List;

/// `LSTM` 1, 7 and 14 · X, W, R, B, initial_h, initial_c, P: float, double, float16; sequence_lens: int32 →
/// Y, Y_h, Y_c.
///
/// Gates in the order i, o, f, c with peepholes `P = [Pi, Po, Pf]`:
/// `i = f(x·Wiᵀ + H·Riᵀ + Pi ⊙ C + Wbi + Rbi)`, `f' = f(x·Wfᵀ + H·Rfᵀ + Pf ⊙ C + Wbf + Rbf)` (or `1 - i` with
/// `input_forget`), `ĉ = g(x·Wcᵀ + H·Rcᵀ + Wbc + Rbc)`, `C' = f' ⊙ C + i ⊙ ĉ`,
/// `o = f(x·Woᵀ + H·Roᵀ + Po ⊙ C' + Wbo + Rbo)`, `H' = o ⊙ h(C')`. `f` Sigmoid, `g` and `h` Tanh by default;
/// `clip` bounds each gate's input.
final class LstmKernel extends RecurrentKernel {

    private final boolean inputForget;

    LstmKernel(NodeSpec spec) {
        super(spec, 4, List.of("Sigmoid", "Tanh", "Tanh"));
        inputForget = spec.intAttr("input_forget", 0) != 0;
    }

    @Override
    protected boolean hasCellState() {
        return true;
    }

    @Override
    protected void step(Weights w, double[] xw, int xwFrom, double[] h, double[] c, int stateFrom, double[] g) {
        int n = hidden;
        System.arraycopy(xw, xwFrom, g, 0, 4 * n);
        addRecurrence(w.r(), w.rFrom(), 4 * n, h, stateFrom, g, 0);
        var rb = w.rb();
        if (rb != null) {
            for (int j = 0; j < 4 * n; j++) {
                g[j] += rb[w.rbFrom() + j];
            }
        }
        var p = w.p();
        int i0 = 0;
        int o0 = n;
        int f0 = 2 * n;
        int c0 = 3 * n;
        if (p != null) {
            for (int j = 0; j < n; j++) {
                g[i0 + j] += p[w.pFrom() + j] * c[stateFrom + j];
                g[f0 + j] += p[w.pFrom() + 2 * n + j] * c[stateFrom + j];
            }
        }
        clip(g, i0, n);
        clip(g, f0, 2 * n);
        var f = w.activations().get(0);
        f.apply(g, i0, n);
        f.apply(g, f0, n);
        w.activations().get(1).apply(g, c0, n);
        for (int j = 0; j < n; j++) {
            double forget = inputForget ? 1 - g[i0 + j] : g[f0 + j];
            c[stateFrom + j] = forget * c[stateFrom + j] + g[i0 + j] * g[c0 + j];
        }
        if (p != null) {
            for (int j = 0; j < n; j++) {
                g[o0 + j] += p[w.pFrom() + n + j] * c[stateFrom + j];
            }
        }
        clip(g, o0, n);
        f.apply(g, o0, n);
        System.arraycopy(c, stateFrom, h, stateFrom, n);
        w.activations().get(2).apply(h, stateFrom, n);
        for (int j = 0; j < n; j++) {
            h[stateFrom + j] *= g[o0 + j];
        }
    }

    @Override
    protected boolean hasFloatStep() {
        return true;
    }

    @Override
    protected void stepFloats(FloatWeights w, float[] g, float[] h, float[] c, int stateFrom) {
        int n = hidden;
        w.r()[0].multiplyAdd(h, stateFrom, g, 0);
        var p = w.p();
        int o0 = n;
        int f0 = 2 * n;
        int c0 = 3 * n;
        if (p != null) {
            for (int j = 0; j < n; j++) {
                g[j] += p[w.pFrom() + j] * c[stateFrom + j];
                g[f0 + j] += p[w.pFrom() + 2 * n + j] * c[stateFrom + j];
            }
        }
        clip(g, 0, n);
        clip(g, f0, 2 * n);
        var f = w.activations().get(0);
        f.apply(g, 0, n);
        f.apply(g, f0, n);
        w.activations().get(1).apply(g, c0, n);
        for (int j = 0; j < n; j++) {
            float forget = inputForget ? 1 - g[j] : g[f0 + j];
            c[stateFrom + j] = forget * c[stateFrom + j] + g[j] * g[c0 + j];
        }
        if (p != null) {
            for (int j = 0; j < n; j++) {
                g[o0 + j] += p[w.pFrom() + n + j] * c[stateFrom + j];
            }
        }
        clip(g, o0, n);
        f.apply(g, o0, n);
        System.arraycopy(c, stateFrom, h, stateFrom, n);
        w.activations().get(2).apply(h, stateFrom, n);
        for (int j = 0; j < n; j++) {
            h[stateFrom + j] *= g[o0 + j];
        }
    }
}
