package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import static dev.loupe.executor.simd.MicroKernels.NR;

/// Float average pooling over a window described by a [Convolution.Plan]: each output is the sum of its
/// in-bounds taps (padding reads as zero) divided by the output position's own count, two vectors of
/// output positions at a time.
public final class AveragePooling {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;

    private AveragePooling() {
    }

    /// Average pooling of `planes` planes of `plan.inputSize()` floats from `xOff` into planes of
    /// `plan.outputSize()` floats from `outOff`, output position `p` divided by `divisor[p]`.
    public static void average(Convolution.Plan plan, float[] x, int xOff, int planes, float[] divisor, float[] out, int outOff) {
        int n = plan.outputSize();
        if (!VectorSupport.ENABLED) {
            scalar(plan, x, xOff, planes, divisor, out, outOff);
            return;
        }
        int taps = plan.taps();
        var scratch = Workspace.current().tile();
        int panels = Packing.panelsB(n);
        for (int plane = 0; plane < planes; plane++) {
            int src = xOff + plane * plan.inputSize();
            int dst = outOff + plane * n;
            for (int jj = 0; jj < panels; jj++) {
                var sum0 = FloatVector.zero(S);
                var sum1 = sum0;
                for (int t = 0; t < taps; t++) {
                    Im2col.loadPanel(plan, x, src, t, jj, scratch, 0);
                    sum0 = sum0.add(FloatVector.fromArray(S, scratch, 0));
                    sum1 = sum1.add(FloatVector.fromArray(S, scratch, L));
                }
                int pos0 = jj * NR;
                if (pos0 + NR <= n) {
                    sum0.div(FloatVector.fromArray(S, divisor, pos0)).intoArray(out, dst + pos0);
                    sum1.div(FloatVector.fromArray(S, divisor, pos0 + L)).intoArray(out, dst + pos0 + L);
                } else {
                    sum0.intoArray(scratch, 0);
                    sum1.intoArray(scratch, L);
                    for (int q = 0; pos0 + q < n; q++) {
                        out[dst + pos0 + q] = scratch[q] / divisor[pos0 + q];
                    }
                }
            }
        }
    }

    private static void scalar(Convolution.Plan plan, float[] x, int xOff, int planes, float[] divisor, float[] out, int outOff) {
        int n = plan.outputSize();
        int taps = plan.taps();
        var table = plan.table();
        for (int plane = 0; plane < planes; plane++) {
            int src = xOff + plane * plan.inputSize();
            for (int p = 0; p < n; p++) {
                float sum = 0;
                for (int t = p; t < taps * n; t += n) {
                    int off = table[t];
                    if (off >= 0) {
                        sum += x[src + off];
                    }
                }
                out[outOff + plane * n + p] = sum / divisor[p];
            }
        }
    }
}
