package dev.loupe.executor.kernels.quant;

import dev.loupe.executor.kernels.ml.TestNodes;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import org.junit.jupiter.api.Test;

import static dev.loupe.executor.kernels.ml.TestNodes.integer;
import static dev.loupe.executor.kernels.ml.TestNodes.ints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntegerKernelsTest {

    private static Tensor bytes(ElementType type, long[] shape, int... v) {
        var b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return Tensor.of(type, shape, b);
    }

    /// Expected values from PyTorch's conv2d in double on the same shifted values.
    @Test
    void groupedStridedDilatedConvolutionWithPerChannelWeightZeroPoints() {
        var x = bytes(ElementType.UINT8, new long[] {1, 4, 5, 5}, 241, 160, 175, 229, 148, 198, 213, 57, 14, 76, 72, 223, 233, 1,
                127, 210, 33, 204, 30, 119, 209, 77, 87, 71, 184, 65, 253, 113, 122, 129, 149, 141, 130, 254, 206, 202, 179, 159,
                87, 253, 119, 55, 216, 41, 219, 156, 29, 11, 113, 9, 36, 131, 248, 119, 206, 234, 210, 161, 112, 131, 68, 127,
                97, 63, 254, 3, 24, 49, 248, 177, 225, 51, 184, 94, 125, 0, 158, 212, 169, 39, 136, 68, 247, 225, 47, 130, 240,
                216, 181, 163, 10, 189, 121, 23, 62, 138, 186, 129, 156, 223);
        var w = bytes(ElementType.INT8, new long[] {4, 2, 3, 3}, 47, -36, 36, 25, -101, -113, 41, -29, 25, -46, -71, -90, -31,
                80, -26, -31, 19, 122, -28, 23, -16, 26, -14, 35, 12, 45, 116, -90, 15, -16, -37, -67, -115, -25, 83, -104,
                -25, 119, 115, -73, -127, 43, -125, -52, -1, 95, -105, 41, 8, -95, 88, 88, -5, 113, 27, 103, 117, 17, -57, -91,
                16, -79, 64, 109, -66, 13, -116, -82, -32, 98, 120, 36);
        var spec = TestNodes.spec("", "ConvInteger", 10, integer("group", 2), ints("strides", 2, 1), ints("dilations", 1, 2),
                ints("pads", 1, 2, 0, 1));
        var y = (Tensor) TestNodes.run(spec, x, w, bytes(ElementType.UINT8, new long[0], 3),
                bytes(ElementType.INT8, new long[] {4}, 0, 1, -1, 2))[0];
        assertThat(y.shape()).containsExactly(1, 4, 2, 4);
        assertThat(y.ints()).containsExactly(-27411, 2940, 6702, -8349, -20755, -44221, -27499, -8172, -1271, -30009, -17933,
                2731, -2216, -18283, -49115, -18480, 41008, 3671, -61608, -64371, 58853, 21093, 11916, -38448, -16511, -31795,
                -9837, -10653, 12344, 28725, -7992, -35890);
    }

    @Test
    void sameUpperPaddingKeepsTheSpatialSizeOverTheStride() {
        var x = bytes(ElementType.UINT8, new long[] {1, 1, 1, 5}, 1, 2, 3, 4, 5);
        var w = bytes(ElementType.UINT8, new long[] {1, 1, 1, 2}, 1, 1);
        var spec = TestNodes.spec("", "ConvInteger", 10, TestNodes.string("auto_pad", "SAME_UPPER"), ints("strides", 1, 2));
        var y = (Tensor) TestNodes.run(spec, x, w)[0];
        assertThat(y.shape()).containsExactly(1, 1, 1, 3);
        assertThat(y.ints()).containsExactly(3, 7, 5);
    }

    @Test
    void matMulIntegerBroadcastsAndPromotesVectors() {
        var a = bytes(ElementType.INT8, new long[] {3}, 1, -2, 3);
        var b = bytes(ElementType.INT8, new long[] {2, 3, 2}, 1, 0, 0, 1, 1, 1, -1, 2, 2, -1, 0, 0);
        var y = (Tensor) TestNodes.run(TestNodes.spec("", "MatMulInteger", 10), a, b)[0];
        assertThat(y.shape()).containsExactly(2, 2);
        assertThat(y.ints()).containsExactly(4, 1, -5, 4);
    }

    @Test
    void quantizeToInt8SaturatesAndRoundsHalfToEven() {
        var x = Tensor.ofFloats(new long[] {6}, 2.5f, 3.5f, -2.5f, 1000f, -1000f, 0.4f);
        var y = (Tensor) TestNodes.run(TestNodes.spec("", "QuantizeLinear", 13), x, Tensor.scalar(1f),
                bytes(ElementType.INT8, new long[0], 1))[0];
        assertThat(y.type()).isEqualTo(ElementType.INT8);
        assertThat(y.bytes()).containsExactly(3, 5, -1, 127, -128, 1);
    }

    @Test
    void quantizeToInt4AndDequantizeInt16() {
        var x = Tensor.ofFloats(new long[] {4}, -20f, -3f, 4.4f, 30f);
        var y = (Tensor) TestNodes.run(TestNodes.spec("", "QuantizeLinear", 13), x, Tensor.scalar(2f),
                bytes(ElementType.INT4, new long[0], 1))[0];
        assertThat(y.type()).isEqualTo(ElementType.INT4);
        assertThat(y.bytes()).containsExactly(-8, -1, 3, 7);

        var q = Tensor.of(ElementType.INT16, new long[] {2}, new short[] {-300, 1000});
        var zp = Tensor.of(ElementType.INT16, new long[0], new short[] {100});
        var d = (Tensor) TestNodes.run(TestNodes.spec("", "DequantizeLinear", 13), q, Tensor.scalar(0.5f), zp)[0];
        assertThat(d.floats()).containsExactly(-200f, 450f);
    }

    @Test
    void mismatchedZeroPointTypeIsNamed() {
        var a = bytes(ElementType.UINT8, new long[] {1, 1}, 1);
        assertThatThrownBy(() -> TestNodes.run(TestNodes.spec("", "MatMulInteger", 10), a, a, bytes(ElementType.INT8, new long[0], 0)))
                .hasMessageContaining("zero point of A is int8, expected uint8");
    }
}
