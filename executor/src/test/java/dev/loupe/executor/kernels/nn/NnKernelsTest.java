package dev.loupe.executor.kernels.nn;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernels.shape.KernelCall;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.ElementType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/// Behaviour of the nn kernels beyond what the ONNX node test data covers.
class NnKernelsTest {

    private static Tensor floats(long[] shape, float... v) {
        return Tensor.ofFloats(shape, v);
    }

    private static Tensor longs(long... v) {
        return Tensor.ofLongs(new long[] {v.length}, v);
    }

    private static Attribute ints(String name, long... v) {
        return Attribute.ofInts(name, v);
    }

    @Test
    void groupedDilatedConvolution() {
        var x = floats(new long[] {1, 2, 5}, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        var w = floats(new long[] {2, 1, 2}, 1, 1, 1, -1);
        var y = KernelCall.of("Conv", 11).attr(Attribute.ofInt("group", 2)).attr(ints("dilations", 2)).apply(x, w);
        assertThat(y.shape()).containsExactly(1, 2, 3);
        assertThat(y.floats()).containsExactly(4, 6, 8, -2, -2, -2);
    }

    @Test
    void groupedTransposedConvolution() {
        var x = floats(new long[] {1, 2, 2}, 1, 2, 3, 4);
        var w = floats(new long[] {2, 1, 2}, 1, 1, 1, -1);
        var y = KernelCall.of("ConvTranspose", 11).attr(Attribute.ofInt("group", 2)).apply(x, w);
        assertThat(y.floats()).containsExactly(1, 3, 2, 3, 1, -4);
    }

    @Test
    void averagePoolCountingPaddingIgnoresWindowsBeyondIt() {
        var x = floats(new long[] {1, 1, 5}, 1, 2, 3, 4, 5);
        var y = KernelCall.of("AveragePool", 11).attr(ints("kernel_shape", 2)).attr(ints("strides", 2))
                .attr(Attribute.ofInt("ceil_mode", 1)).attr(Attribute.ofInt("count_include_pad", 1)).apply(x);
        assertThat(y.floats()).containsExactly(1.5f, 3.5f, 5f);
    }

    @Test
    void maxPoolIndicesInColumnMajorOrder() {
        var x = floats(new long[] {1, 1, 2, 2}, 1, 4, 3, 2);
        var out = KernelCall.of("MaxPool", 12).attr(ints("kernel_shape", 2, 2)).attr(Attribute.ofInt("storage_order", 1))
                .outputs(2).run(x);
        assertThat(((Tensor) out[0]).floats()).containsExactly(4);
        assertThat(((Tensor) out[1]).longs()).containsExactly(2);
    }

    @Test
    void lpPoolsAndLpNormalization() {
        var x = floats(new long[] {1, 1, 2, 2}, 3, -4, 0, 0);
        var pooled = KernelCall.of("LpPool", 18).attr(ints("kernel_shape", 2, 2)).apply(x);
        assertThat(pooled.floats()).containsExactly(5);
        var global = KernelCall.of("GlobalLpPool", 2).attr(Attribute.ofInt("p", 1)).apply(x);
        assertThat(global.shape()).containsExactly(1, 1, 1, 1);
        assertThat(global.floats()).containsExactly(7);
        var normalized = KernelCall.of("LpNormalization", 1).attr(Attribute.ofInt("p", 1)).apply(floats(new long[] {2, 2}, 1, -3, 0, 0));
        assertThat(normalized.floats()).containsExactly(0.25f, -0.75f, 0, 0);
    }

    @Test
    void maxRoiPoolTakesTheMaximumOfEachCell() {
        var values = new float[16];
        for (int i = 0; i < 16; i++) {
            values[i] = i;
        }
        var x = floats(new long[] {1, 1, 4, 4}, values);
        var rois = floats(new long[] {1, 5}, 0, 0, 0, 3, 3);
        var y = KernelCall.of("MaxRoiPool", 1).attr(ints("pooled_shape", 2, 2)).apply(x, rois);
        assertThat(y.floats()).containsExactly(5, 7, 13, 15);
    }

    @Test
    void resizeHalfPixelSymmetricKeepsTheEndsInPlace() {
        var x = floats(new long[] {3}, 0, 10, 20);
        var y = KernelCall.of("Resize", 19).attr(Attribute.ofString("mode", "linear"))
                .attr(Attribute.ofString("coordinate_transformation_mode", "half_pixel_symmetric"))
                .apply(x, null, floats(new long[] {1}, 1.5f));
        assertThat(y.floats()).usingComparatorWithPrecision(1e-4f).containsExactly(0, 20f / 3, 40f / 3, 20);
    }

    @Test
    void resizeOnListedAxesKeepingTheAspectRatio() {
        var x = floats(new long[] {1, 1, 2, 4}, 1, 2, 3, 4, 5, 6, 7, 8);
        var y = KernelCall.of("Resize", 18).attr(ints("axes", 2, 3))
                .attr(Attribute.ofString("keep_aspect_ratio_policy", "not_larger"))
                .apply(x, null, null, longs(4, 4));
        assertThat(y.shape()).containsExactly(1, 1, 2, 4);
        assertThat(y.floats()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void upsampleLinearMapsCoordinatesAsymmetrically() {
        var x = floats(new long[] {1, 1, 1, 2}, 1, 3);
        var y = KernelCall.of("Upsample", 9).attr(Attribute.ofString("mode", "linear"))
                .apply(x, floats(new long[] {4}, 1, 1, 1, 2));
        assertThat(y.floats()).containsExactly(1, 2, 3, 3);
    }

    @Test
    void gridSampleAcceptsTheVersion20ModeNames() {
        var x = floats(new long[] {1, 1, 2, 2}, 1, 2, 3, 4);
        var grid = floats(new long[] {1, 1, 3, 2}, -1, -1, 1, 1, 0, 0);
        var y = KernelCall.of("GridSample", 20).attr(Attribute.ofString("mode", "linear"))
                .attr(Attribute.ofInt("align_corners", 1)).apply(x, grid);
        assertThat(y.floats()).containsExactly(1, 4, 2.5f);
    }

    @Test
    void seededDropoutIsRepeatableAndScalesWhatItKeeps() {
        var x = floats(new long[] {64}, new float[64]);
        Arrays.fill(x.floats(), 1f);
        var training = Tensor.of(ElementType.BOOL, new long[0], new byte[] {1});
        var ratio = Tensor.scalar(0.5f);
        var call = KernelCall.of("Dropout", 13).attr(Attribute.ofInt("seed", 7)).outputs(2);
        var first = call.run(x, ratio, training);
        var second = call.run(x, ratio, training);
        assertThat(((Tensor) first[0]).floats()).containsExactly(((Tensor) second[0]).floats());
        assertThat(((Tensor) first[0]).floats()).containsOnly(0f, 2f).contains(0f, 2f);
        var mask = ((Tensor) first[1]).bytes();
        for (int i = 0; i < 64; i++) {
            assertThat(((Tensor) first[0]).floats()[i]).isEqualTo(mask[i] * 2f);
        }
    }

    @Test
    void batchNormalizationTrainingUpdatesTheRunningStatistics() {
        var x = floats(new long[] {2, 1}, 1, 3);
        var one = floats(new long[] {1}, 1);
        var zero = floats(new long[] {1}, 0);
        var out = KernelCall.of("BatchNormalization", 15).attr(Attribute.ofInt("training_mode", 1))
                .attr(Attribute.ofFloat("epsilon", 0)).outputs(3).run(x, one, zero, zero, one);
        assertThat(((Tensor) out[0]).floats()).containsExactly(-1, 1);
        assertThat(((Tensor) out[1]).floats()[0]).isCloseTo(0.2f, within(1e-6f));
        assertThat(((Tensor) out[2]).floats()[0]).isCloseTo(1.0f, within(1e-6f));
    }

    @Test
    void computesInDoubleForDoubleInputs() {
        var x = Tensor.of(ElementType.DOUBLE, new long[] {1, 1, 1, 2}, new double[] {1e-12, 1 + 1e-12});
        var y = KernelCall.of("GlobalAveragePool", 1).apply(x);
        assertThat(y.type()).isEqualTo(ElementType.DOUBLE);
        assertThat(y.doubles()[0]).isCloseTo(0.5 + 1e-12, within(1e-15));
    }

    @Test
    void col2ImSumsOverlappingBlocks() {
        var values = new float[16];
        for (int i = 0; i < 16; i++) {
            values[i] = i;
        }
        var y = KernelCall.of("Col2Im", 18).apply(floats(new long[] {1, 4, 4}, values), longs(3, 3), longs(2, 2));
        assertThat(y.shape()).containsExactly(1, 1, 3, 3);
        assertThat(y.floats()).containsExactly(0, 5, 5, 10, 30, 20, 10, 25, 15);
    }

    @Test
    void groupNormalizationWithPerGroupParameters() {
        var x = floats(new long[] {1, 4, 2}, 1, 2, 3, 4, 5, 6, 7, 9);
        var y = KernelCall.of("GroupNormalization", 18).attr(Attribute.ofInt("num_groups", 2))
                .apply(x, floats(new long[] {2}, 1, 2), floats(new long[] {2}, 0, 1));
        assertThat(y.floats()).usingComparatorWithPrecision(1e-5f).containsExactly(-1.3416354f, -0.4472118f, 0.4472118f,
                1.3416354f, -1.3664265f, -0.0141828f, 1.3380609f, 4.0425484f);
    }

    @Test
    void errorsNameTheValueAndTheExpectedType() {
        var ints = Tensor.ofLongs(new long[] {1, 1, 2, 2}, 1, 2, 3, 4);
        assertThatThrownBy(() -> KernelCall.of("Conv", 11).apply(ints, ints))
                .isInstanceOf(KernelException.class)
                .hasMessageContaining("X must be a tensor of").hasMessageContaining("float").hasMessageContaining("int64[1,1,2,2]");
        var x = floats(new long[] {1, 3, 2, 2}, new float[12]);
        var w = floats(new long[] {2, 2, 1, 1}, new float[4]);
        assertThatThrownBy(() -> KernelCall.of("Conv", 11).apply(x, w))
                .isInstanceOf(KernelException.class).hasMessageContaining("W float[2,2,1,1] does not fit X float[1,3,2,2]");
        assertThatThrownBy(() -> KernelCall.of("Resize", 13).attr(Attribute.of("antialias", new AttributeValue.IntValue(1)))
                .apply(x, null, floats(new long[] {4}, 1, 1, 2, 2)))
                .isInstanceOf(KernelException.class).hasMessageContaining("antialias");
    }
}
