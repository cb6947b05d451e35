package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernels.shape.KernelCall;
import dev.loupe.executor.kernels.shape.TwinTensors;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/// The float32 `ConvTranspose` (SGEMM then scatter) against the double path on the same values: 1-D to
/// 3-D, strides, dilations, padding, `output_padding`, `output_shape`, `auto_pad`, groups, bias, batches, and
/// the scatter shared by two threads.
class ConvTransposeFloatPathTest {

    @Test
    void floatPathMatchesDoublePath() {
        var r = new Random(21);
        check(r, new long[] {2, 3, 7}, new long[] {3, 4, 3}, true, call());
        check(r, new long[] {1, 4, 9, 11}, new long[] {4, 3, 3, 3}, true, call().attr(ints("strides", 2, 2))
                .attr(ints("pads", 1, 1, 1, 1)).attr(ints("output_padding", 1, 1)));
        check(r, new long[] {2, 6, 5, 6}, new long[] {6, 2, 2, 3}, false, call().attr(Attribute.ofInt("group", 3))
                .attr(ints("strides", 3, 2)).attr(ints("dilations", 2, 1)));
        check(r, new long[] {1, 2, 5, 5}, new long[] {2, 5, 4, 4}, true, call().attr(ints("strides", 2, 2))
                .attr(ints("output_shape", 10, 11)));
        check(r, new long[] {1, 2, 6, 4}, new long[] {2, 3, 3, 2}, false, call().attr(ints("strides", 2, 2))
                .attr(Attribute.ofString("auto_pad", "SAME_LOWER")));
        check(r, new long[] {1, 2, 3, 4, 3}, new long[] {2, 2, 2, 3, 2}, true, call().attr(ints("strides", 1, 2, 2)));
        // Enough output channels and positions for two threads to share the scatter, runs of 32 at stride 1.
        check(r, new long[] {1, 8, 32, 32}, new long[] {8, 16, 3, 3}, true, call().attr(ints("pads", 1, 1, 1, 1)).threads(2));
        check(r, new long[] {1, 8, 32, 32}, new long[] {8, 16, 4, 4}, false, call().attr(ints("strides", 2, 2))
                .attr(ints("pads", 1, 1, 1, 1)).threads(2));
    }

    @Test
    void oneKernelOnTwoInputSizesScattersEachRight() {
        var r = new Random(22);
        var w = TwinTensors.gaussian(r, 3, 2, 3, 3);
        checkSizes(call().attr(ints("strides", 2, 1)).attr(ints("pads", 1, 0, 0, 1)), w, TwinTensors.gaussian(r, 1, 3, 5, 6), TwinTensors.gaussian(r, 1, 3, 9, 4));
        // A fixed output_shape: both inputs give a 9 x 8 output, through different padding.
        checkSizes(call().attr(ints("strides", 2, 2)).attr(ints("output_shape", 9, 8)), w, TwinTensors.gaussian(r, 1, 3, 5, 5), TwinTensors.gaussian(r, 1, 3, 4, 4));
    }

    /// One kernel run on `small`, `large` and `small` again, each against the double path.
    private static void checkSizes(KernelCall call, Tensor[] w, Tensor[] small, Tensor[] large) {
        var got = call.applyEach(new RuntimeValue[] {small[0], w[0]}, new RuntimeValue[] {large[0], w[0]}, new RuntimeValue[] {small[0], w[0]});
        var want = new Tensor[] {call.apply(small[1], w[1]), call.apply(large[1], w[1]), call.apply(small[1], w[1])};
        for (int k = 0; k < want.length; k++) {
            assertThat(got.get(k).shape()).as("call %d", k).isEqualTo(want[k].shape());
            for (int i = 0; i < want[k].size(); i++) {
                assertThat((double) got.get(k).floats()[i]).as("call %d at %d", k, i).isCloseTo(want[k].doubles()[i], within(1e-4));
            }
        }
    }

    private static KernelCall call() {
        return KernelCall.of("ConvTranspose", 11);
    }

    private static void check(Random r, long[] xShape, long[] wShape, boolean bias, KernelCall call) {
        long m = wShape[1]; // the bias's size with group 1, the only case with a bias here
        var f = new RuntimeValue[bias ? 3 : 2];
        var d = new RuntimeValue[f.length];
        long[][] shapes = {xShape, wShape, {m}};
        for (int i = 0; i < f.length; i++) {
            var values = TwinTensors.gaussian(r, shapes[i]);
            f[i] = values[0];
            d[i] = values[1];
        }
        var got = call.apply(f);
        var want = call.apply(d);
        assertThat(got.type()).isEqualTo(ElementType.FLOAT);
        assertThat(got.shape()).as(Arrays.toString(xShape)).isEqualTo(want.shape());
        for (int i = 0; i < got.size(); i++) {
            assertThat((double) got.floats()[i]).as("%s at %d", Arrays.toString(xShape), i).isCloseTo(want.doubles()[i], within(1e-4));
        }
    }

    private static Attribute ints(String name, long... v) {
        return Attribute.ofInts(name, v);
    }
}
