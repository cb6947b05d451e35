package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernels.shape.KernelCall;
import dev.loupe.executor.kernels.shape.TwinTensors;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/// The float32 paths of the `Reduce*` operators and the global pools (vector folds over contiguous runs, or
/// element by element along the kept innermost axes) against the double paths on the same values, for
/// trailing, leading, middle and interleaved axes, all axes, axes of one element and `keepdims = 0`, and NaN.
class ReduceFloatPathTest {

    private static final List<String> OPS = List.of("ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd",
            "ReduceSumSquare", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp");
    private static final long[][] SHAPES = {{2, 3, 1, 37}, {5, 40, 3, 18}};
    private static final long[][] AXES = {{3}, {-1, -2}, {1, 2, 3}, {1}, {0, 3}, {0, 2}, {0, 1, 2, 3}, {2}};

    @Test
    void reductionsMatchTheDoublePath() {
        for (long[] shape : SHAPES) {
            for (var op : OPS) {
                // The log of a sum that cancels to near zero would only measure the cancellation.
                var x = nearOne(shape, !op.equals("ReduceLogSum"));
                for (long[] axes : AXES) {
                    for (int keep = 0; keep <= 1; keep++) {
                        var what = op + " of " + Arrays.toString(shape) + " over " + Arrays.toString(axes) + ", keepdims " + keep;
                        assertClose(reduce(op, x[0], axes, keep), reduce(op, x[1], axes, keep), what);
                    }
                }
            }
        }
    }

    @Test
    void aNaNReachesExactlyTheOutputsOfItsRuns() {
        long[] shape = SHAPES[1];
        var x = nearOne(shape, false);
        int at = 2 * 162 + 17;
        x[0].floats()[at] = Float.NaN;
        x[1].doubles()[at] = Double.NaN;
        for (var op : OPS) {
            for (long[] axes : AXES) {
                var what = op + " with a NaN, over " + Arrays.toString(axes);
                var f = reduce(op, x[0], axes, 1);
                assertClose(f, reduce(op, x[1], axes, 1), what);
                assertThat(IntStream.range(0, f.size()).filter(i -> Float.isNaN(f.floats()[i])).count()).as(what).isPositive();
            }
        }
    }

    @Test
    void logSumExpOfInfinitiesIsTheirMaximum() {
        // Run 0 holds +inf, run 1 only -inf, run 2 large values whose exponentials overflow a float.
        var x = TwinTensors.of(new long[] {3, 4}, new java.util.function.DoubleSupplier() {
            private final double[] values = {1, Double.POSITIVE_INFINITY, 2, 3, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 200, 150, 210, 90};
            private int next;

            @Override
            public double getAsDouble() {
                return values[next++];
            }
        });
        var f = reduce("ReduceLogSumExp", x[0], new long[] {1}, 0);
        assertClose(f, reduce("ReduceLogSumExp", x[1], new long[] {1}, 0), "ReduceLogSumExp of infinities");
        assertThat(f.floats()).containsExactly(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                (float) (210 + Math.log(Math.exp(-10) + Math.exp(-60) + 1 + Math.exp(-120))));
    }

    private static Tensor reduce(String op, Tensor x, long[] axes, int keep) {
        var call = KernelCall.of(op, 13).attr(Attribute.ofInt("keepdims", keep));
        if (op.equals("ReduceSum")) {
            return call.apply(x, Tensor.ofLongs(new long[] {axes.length}, axes));
        }
        return call.attr(Attribute.ofInts("axes", axes)).apply(x);
    }

    @Test
    void globalPoolsMatchTheDoublePath() {
        for (long[] shape : new long[][] {{2, 3, 7, 9}, {1, 4, 1}, {1, 2, 0, 3}}) {
            var x = values(shape);
            for (var op : List.of("GlobalAveragePool", "GlobalMaxPool")) {
                var call = KernelCall.of(op, 1);
                assertClose(call.apply(x[0]), call.apply(x[1]), op + " " + Arrays.toString(shape));
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

    /// The same values as a float and a double tensor, each `1 + 0.05 g` for a Gaussian `g` (with a random
    /// sign when `signed`), so that products of hundreds stay far from zero and infinity.
    private static Tensor[] nearOne(long[] shape, boolean signed) {
        var r = new Random(Arrays.hashCode(shape));
        return TwinTensors.of(shape, () -> (signed && r.nextBoolean() ? -1 : 1) * (1 + 0.05 * r.nextGaussian()));
    }

    /// The same random values as a float and a double tensor.
    private static Tensor[] values(long[] shape) {
        return TwinTensors.gaussian(new Random(shape.length * 31L + shape[shape.length - 1]), shape);
    }
}
