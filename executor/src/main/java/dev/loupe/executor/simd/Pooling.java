package dev.loupe.executor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import static dev.loupe.executor.simd.MicroKernels.NR;

/// Float max pooling over a window described by a [Convolution.Plan] (the gather table of the window):
/// each output is the first in-bounds tap's value, replaced by any later larger one (so padding never wins
/// and a NaN in the first tap stays), two vectors of output positions at a time.
public final class Pooling {

    private static final VectorSpecies<Float> S = VectorSupport.SPECIES;
    private static final int L = VectorSupport.LANES;

    private Pooling() {
    }

    /// Max pooling of `planes` planes of `plan.inputSize()` floats from `xOff` into planes of
    /// `plan.outputSize()` floats from `outOff`; windows without an in-bounds tap give -infinity.
    public static void max(Convolution.Plan plan, float[] x, int xOff, int planes, float[] out, int outOff) {
        int n = plan.outputSize();
        int taps = plan.taps();
        if (!VectorSupport.ENABLED) {
            scalar(plan, x, xOff, planes, out, outOff);
            return;
        }
        var scratch = Workspace.current().tile();
        int panels = Packing.panelsB(n);
        var minusInfinity = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        var zero = FloatVector.zero(S);
        var one = FloatVector.broadcast(S, 1f);
        for (int plane = 0; plane < planes; plane++) {
            int src = xOff + plane * plan.inputSize();
            int dst = outOff + plane * n;
            for (int jj = 0; jj < panels; jj++) {
                var best0 = minusInfinity;
                var best1 = minusInfinity;
                // Whether a lane has seen an in-bounds tap, as 0 or 1: a float vector rather than a mask
                // carried around the loop, which the JIT would box on every iteration.
                var seen0 = zero;
                var seen1 = zero;
                for (int t = 0; t < taps; t++) {
                    long bits = plan.masks[t * panels + jj];
                    Im2col.loadPanel(plan, x, src, t, jj, scratch, 0);
                    var valid0 = VectorMask.fromLong(S, bits);
                    var valid1 = VectorMask.fromLong(S, bits >>> L);
                    var v0 = FloatVector.fromArray(S, scratch, 0);
                    var v1 = FloatVector.fromArray(S, scratch, L);
                    best0 = best0.blend(v0, valid0.and(seen0.compare(VectorOperators.EQ, 0f).or(v0.compare(VectorOperators.GT, best0))));
                    best1 = best1.blend(v1, valid1.and(seen1.compare(VectorOperators.EQ, 0f).or(v1.compare(VectorOperators.GT, best1))));
                    seen0 = seen0.blend(one, valid0);
                    seen1 = seen1.blend(one, valid1);
                }
                int pos0 = jj * NR;
                if (pos0 + NR <= n) {
                    best0.intoArray(out, dst + pos0);
                    best1.intoArray(out, dst + pos0 + L);
                } else {
                    best0.intoArray(scratch, 0);
                    best1.intoArray(scratch, L);
                    System.arraycopy(scratch, 0, out, dst + pos0, n - pos0);
                }
            }
        }
    }

    private static void scalar(Convolution.Plan plan, float[] x, int xOff, int planes, float[] out, int outOff) {
        int n = plan.outputSize();
        int taps = plan.taps();
        var table = plan.table();
        for (int plane = 0; plane < planes; plane++) {
            int src = xOff + plane * plan.inputSize();
            for (int p = 0; p < n; p++) {
                float best = Float.NEGATIVE_INFINITY;
                boolean seen = false;
                for (int t = p; t < taps * n; t += n) {
                    int off = table[t];
                    if (off >= 0) {
                        float v = x[src + off];
                        if (!seen || v > best) {
                            best = v;
                            seen = true;
                        }
                    }
                }
                out[outOff + plane * n + p] = best;
            }
        }
    }
}
