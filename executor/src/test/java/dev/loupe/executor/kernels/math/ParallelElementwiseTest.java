package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernels.shape.KernelCall;
import dev.loupe.executor.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/// Elementwise operators on tensors large enough to run in pieces on several threads: every element is
/// computed, by the same rule as on one thread (the results are the same), for operands of one shape, a
/// broadcast scalar, a broadcast row (many short rows) and a broadcast in the middle axes.
class ParallelElementwiseTest {

    private static final Random RANDOM = new Random(41);

    @Test
    void binaryOperatorsGiveEveryElementOnFourThreadsAsOnOne() {
        long[][][] shapes = {
                {{300, 1001}, {300, 1001}},
                {{300, 1001}, {}},
                {{70_001, 3}, {3}},
                {{16, 1, 4099}, {1, 9, 4099}},
                {{5, 40_000}, {5, 1}},
        };
        for (var op : new String[] {"Add", "Sub", "Mul", "Div"}) {
            for (var pair : shapes) {
                var a = random(pair[0]);
                var b = random(pair[1]);
                var one = KernelCall.of(op, 14).apply(a, b);
                var four = KernelCall.of(op, 14).threads(4).apply(a, b);
                assertThat(four.shape()).isEqualTo(one.shape());
                assertClose(one.floats(), four.floats(), 0, op + " of " + java.util.Arrays.toString(pair[0]) + " and "
                        + java.util.Arrays.toString(pair[1]));
                if (op.equals("Add") && pair[1].length == 0) {
                    float s = b.floats()[0];
                    var x = a.floats();
                    var y = four.floats();
                    for (int i = 0; i < x.length; i++) {
                        assertThat(y[i]).isEqualTo(x[i] + s);
                    }
                }
            }
        }
    }

    @Test
    void unaryOperatorsGiveEveryElementOnFourThreadsAsOnOne() {
        var x = random(new long[] {3, 100_003});
        for (var op : new String[] {"Erf", "Relu", "Sigmoid", "Tanh", "Exp", "Abs"}) {
            var one = KernelCall.of(op, 13).apply(x);
            var four = KernelCall.of(op, 13).threads(4).apply(x);
            // The vector exp behind Erf, Sigmoid and Tanh may round differently before and after the JIT
            // compiles it, so those are compared to within a few units in the last place.
            assertClose(one.floats(), four.floats(), 4e-7f, op);
        }
        var relu = KernelCall.of("Relu", 14).threads(4).apply(x).floats();
        var in = x.floats();
        for (int i = 0; i < in.length; i++) {
            assertThat(relu[i]).isEqualTo(Math.max(0f, in[i]));
        }
    }

    /// Every element of `got` equal to `want`'s (or within `relative` of it), NaN where `want` has NaN.
    private static void assertClose(float[] want, float[] got, float relative, String what) {
        assertThat(got).as(what).hasSameSizeAs(want);
        for (int i = 0; i < want.length; i++) {
            float tolerance = relative * Math.abs(want[i]);
            if (Float.isNaN(want[i]) ? !Float.isNaN(got[i]) : Math.abs(got[i] - want[i]) > tolerance) {
                assertThat(got[i]).as("%s, element %d", what, i).isEqualTo(want[i]);
            }
        }
    }

    private static Tensor random(long[] shape) {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        var v = new float[(int) size];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (RANDOM.nextGaussian() * 3 + 0.1);
        }
        return Tensor.ofFloats(shape, v);
    }
}
