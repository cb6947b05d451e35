package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernels.shape.KernelCall;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/// The float32 paths of `ReduceMean`, `ReduceSum` and the global pools (vector sums over contiguous runs)
/// against the double paths on the same values, for trailing axes, axes that need the gathering path,
/// all axes, empty axes and `keepdims = 0`.
class ReduceFloatPathTest {

    private static final long[] SHAPE = {2, 3, 1, 37};

    @Test
    void reductionsMatchTheDoublePath() {
        var x = values(SHAPE);
        for (var op : List.of("ReduceMean", "ReduceSum")) {
            for (long[] axes : new long[][] {{3}, {-1, -2}, {1, 2, 3}, {1}, {0, 3}, {0, 1, 2, 3}}) {
                for (int keep = 0; keep <= 1; keep++) {
                    var call = KernelCall.of(op, 13).attr(Attribute.ofInt("keepdims", keep));
                    Tensor f;
                    Tensor d;
                    if (op.equals("ReduceSum")) {
                        var a = Tensor.ofLongs(new long[] {axes.length}, axes);
                        f = call.apply(x[0], a);
                        d = call.apply(x[1], a);
                    } else {
                        call.attr(Attribute.ofInts("axes", axes));
                        f = call.apply(x[0]);
                        d = call.apply(x[1]);
                    }
                    assertClose(f, d, op + " " + java.util.Arrays.toString(axes) + " keepdims " + keep);
                }
            }
        }
    }

    @Test
    void globalPoolsMatchTheDoublePath() {
        for (long[] shape : new long[][] {{2, 3, 7, 9}, {1, 4, 1}, {1, 2, 0, 3}}) {
            var x = values(shape);
            for (var op : List.of("GlobalAveragePool", "GlobalMaxPool")) {
                var call = KernelCall.of(op, 1);
                assertClose(call.apply(x[0]), call.apply(x[1]), op + " " + java.util.Arrays.toString(shape));
            }
        }
    }

    private static void assertClose(Tensor f, Tensor d, String what) {
        assertThat(f.type()).isEqualTo(ElementType.FLOAT);
        assertThat(f.shape()).as(what).isEqualTo(d.shape());
        for (int i = 0; i < f.size(); i++) {
            double want = d.doubles()[i];
            if (Double.isNaN(want)) {
                assertThat(f.floats()[i]).as(what).isNaN();
            } else if (Double.isInfinite(want)) {
                assertThat((double) f.floats()[i]).as(what).isEqualTo(want);
            } else {
                assertThat((double) f.floats()[i]).as("%s at %d", what, i).isCloseTo(want, within(1e-5 * (1 + Math.abs(want))));
            }
        }
    }

    /// The same random values as a float and a double tensor.
    private static Tensor[] values(long[] shape) {
        var r = new Random(shape.length * 31L + shape[shape.length - 1]);
        var f = Tensor.allocate(ElementType.FLOAT, shape);
        var d = Tensor.allocate(ElementType.DOUBLE, shape);
        for (int i = 0; i < f.size(); i++) {
            float v = (float) r.nextGaussian();
            f.floats()[i] = v;
            d.doubles()[i] = v;
        }
        return new Tensor[] {f, d};
    }
}
