package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernels.shape.KernelCall;
import dev.loupe.executor.kernels.shape.TwinTensors;
import dev.loupe.model.Attribute;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/// The float32 `AveragePool` (vector gathers over a plan, float sums) against the double path on the same
/// values: 1-D to 3-D windows, padding counted or not, strides, dilations, `ceil_mode`, `auto_pad`, output
/// planes that end in a partial panel.
class AveragePoolFloatPathTest {

    @Test
    void floatPathMatchesDoublePath() {
        var r = new Random(12);
        check(r, new long[] {1, 3, 41}, KernelCall.of("AveragePool", 19).attr(ints("kernel_shape", 3)).attr(ints("pads", 1, 2)));
        for (int count = 0; count <= 1; count++) {
            var call = KernelCall.of("AveragePool", 19).attr(ints("kernel_shape", 3, 3)).attr(ints("strides", 2, 2))
                    .attr(ints("pads", 1, 1, 1, 1)).attr(Attribute.ofInt("count_include_pad", count)).attr(Attribute.ofInt("ceil_mode", 1));
            check(r, new long[] {2, 3, 17, 23}, call);
            check(r, new long[] {1, 2, 56, 56}, call);
        }
        check(r, new long[] {1, 2, 9, 11}, KernelCall.of("AveragePool", 19).attr(ints("kernel_shape", 2, 3)).attr(ints("dilations", 2, 1))
                .attr(Attribute.ofString("auto_pad", "SAME_UPPER")));
        check(r, new long[] {1, 1, 5, 6, 7}, KernelCall.of("AveragePool", 19).attr(ints("kernel_shape", 2, 2, 2)));
        check(r, new long[] {1, 4, 7, 7}, KernelCall.of("AveragePool", 19).attr(ints("kernel_shape", 7, 7)));
    }

    private static void check(Random r, long[] shape, KernelCall call) {
        var x = TwinTensors.gaussian(r, shape);
        var got = call.apply(x[0]);
        var want = call.apply(x[1]);
        assertThat(got.shape()).as(Arrays.toString(shape)).isEqualTo(want.shape());
        for (int i = 0; i < got.size(); i++) {
            assertThat((double) got.floats()[i]).as("%s at %d", Arrays.toString(shape), i).isCloseTo(want.doubles()[i], within(1e-5));
        }
    }

    private static Attribute ints(String name, long... v) {
        return Attribute.ofInts(name, v);
    }
}
