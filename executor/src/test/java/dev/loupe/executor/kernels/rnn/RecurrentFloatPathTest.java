package dev.loupe.executor.kernels.rnn;

import dev.loupe.executor.kernels.shape.KernelCall;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/// The float paths of `LSTM`, `GRU` (both reset orders) and `RNN` (vector kernels, float arithmetic) against
/// the double path on the same values, with every option that changes the loop: both directions, batch-first
/// layout, peepholes, clipping, per-sample sequence lengths, initial states, and a hidden size that is not a
/// multiple of the lanes.
class RecurrentFloatPathTest {

    private static final int SEQ = 5;
    private static final int BATCH = 3;
    private static final int INPUT = 7;
    private static final int HIDDEN = 21;

    @Test
    void floatPathMatchesDoublePathWithEveryOption() {
        for (var op : List.of("LSTM", "RNN", "GRU", "GRU linear_before_reset")) {
            for (boolean batchFirst : new boolean[] {false, true}) {
                for (String direction : List.of("forward", "reverse", "bidirectional")) {
                    for (float clip : new float[] {0f, 0.7f}) {
                        compare(op, batchFirst, direction, clip, true);
                    }
                }
            }
            compare(op, false, "forward", 0f, false);
        }
    }

    private static void compare(String variant, boolean batchFirst, String direction, float clip, boolean allInputs) {
        var op = variant.split(" ")[0];
        boolean lstm = op.equals("LSTM");
        int gates = lstm ? 4 : op.equals("GRU") ? 3 : 1;
        var r = new Random(direction.hashCode() + (batchFirst ? 1 : 0));
        int dirs = direction.equals("bidirectional") ? 2 : 1;
        long[] xShape = batchFirst ? new long[] {BATCH, SEQ, INPUT} : new long[] {SEQ, BATCH, INPUT};
        long[] stateShape = batchFirst ? new long[] {BATCH, dirs, HIDDEN} : new long[] {dirs, BATCH, HIDDEN};
        var x = random(r, xShape);
        var w = random(r, dirs, gates * HIDDEN, INPUT);
        var rw = random(r, dirs, gates * HIDDEN, HIDDEN);
        var b = random(r, dirs, 2 * gates * HIDDEN);
        var lens = Tensor.of(ElementType.INT32, new long[] {BATCH}, new int[] {SEQ, 2, 0});
        var h0 = random(r, stateShape);
        var c0 = random(r, stateShape);
        var p = random(r, dirs, 3 * HIDDEN);
        int count = !allInputs ? 3 : lstm ? 8 : 6;
        var values = new double[][] {x, w, rw, b, null, h0, c0, p};
        var shapes = new long[][] {xShape, {dirs, gates * HIDDEN, INPUT}, {dirs, gates * HIDDEN, HIDDEN}, {dirs, 2 * gates * HIDDEN},
            null, stateShape, stateShape, {dirs, 3 * HIDDEN}};
        var f = new RuntimeValue[count];
        var d = new RuntimeValue[count];
        for (int i = 0; i < count; i++) {
            if (i == 4) {
                f[i] = lens;
                d[i] = lens;
            } else {
                f[i] = tensor(ElementType.FLOAT, shapes[i], values[i]);
                d[i] = tensor(ElementType.DOUBLE, shapes[i], values[i]);
            }
        }
        int outputs = lstm ? 3 : 2;
        var call = KernelCall.of(op, 14).outputs(outputs).attr(Attribute.ofInt("hidden_size", HIDDEN))
                .attr(Attribute.ofString("direction", direction)).attr(Attribute.ofInt("layout", batchFirst ? 1 : 0));
        if (clip > 0) {
            call.attr(Attribute.ofFloat("clip", clip));
        }
        if (variant.endsWith("linear_before_reset")) {
            call.attr(Attribute.ofInt("linear_before_reset", 1));
        }
        var got = call.run(f);
        var want = call.run(d);
        for (int o = 0; o < outputs; o++) {
            var g = (Tensor) got[o];
            var e = (Tensor) want[o];
            assertThat(g.type()).isEqualTo(ElementType.FLOAT);
            assertThat(g.shape()).isEqualTo(e.shape());
            for (int i = 0; i < g.size(); i++) {
                assertThat((double) g.floats()[i]).as("%s output %d at %d, %s, batch first %s, clip %s", variant, o, i, direction, batchFirst, clip)
                        .isCloseTo(e.doubles()[i], within(2e-5));
            }
        }
    }

    private static double[] random(Random r, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        var v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * 0.6);
        }
        return v;
    }

    private static Tensor tensor(ElementType type, long[] shape, double[] v) {
        var t = Tensor.allocate(type, shape);
        for (int i = 0; i < v.length; i++) {
            t.setDouble(i, v[i]);
        }
        return t;
    }
}
