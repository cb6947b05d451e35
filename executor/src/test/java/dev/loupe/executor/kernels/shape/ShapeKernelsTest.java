package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.AllocationGuard;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.tensor.TensorSizeException;
import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/// Behaviour of the shape kernels beyond what the ONNX node test data covers.
class ShapeKernelsTest {

    private static Tensor floats(long[] shape, float... v) {
        return Tensor.ofFloats(shape, v);
    }

    private static Tensor longs(long... v) {
        return Tensor.ofLongs(new long[] {v.length}, v);
    }

    @Test
    void padWrapsAndReflectsAndCropsWithNegativeAmounts() {
        var x = floats(new long[] {1, 3}, 1, 2, 3);
        var wrap = KernelCall.of("Pad", 19).attr(Attribute.ofString("mode", "wrap")).apply(x, longs(0, 2, 0, 1));
        assertThat(wrap.floats()).containsExactly(2, 3, 1, 2, 3, 1);
        var reflect = KernelCall.of("Pad", 13).attr(Attribute.ofString("mode", "reflect")).apply(x, longs(0, 2, 0, 2));
        assertThat(reflect.floats()).containsExactly(3, 2, 1, 2, 3, 2, 1);
        var crop = KernelCall.of("Pad", 13).apply(x, longs(0, -1, 0, 1));
        assertThat(crop.floats()).containsExactly(2, 3, 0);
    }

    @Test
    void padAxesInputPadsOnlyTheListedAxes() {
        var x = floats(new long[] {2, 2}, 1, 2, 3, 4);
        var y = KernelCall.of("Pad", 18).attr(Attribute.ofString("mode", "edge")).apply(x, longs(1, 0), null, longs(-1));
        assertThat(y.shape()).containsExactly(2, 3);
        assertThat(y.floats()).containsExactly(1, 1, 2, 3, 3, 4);
    }

    @Test
    void splitWithNumOutputsMakesTheLastPartSmaller() {
        var x = floats(new long[] {5}, 1, 2, 3, 4, 5);
        var parts = KernelCall.of("Split", 18).attr(Attribute.ofInt("num_outputs", 2)).outputs(2).run(x);
        assertThat(((Tensor) parts[0]).floats()).containsExactly(1, 2, 3);
        assertThat(((Tensor) parts[1]).floats()).containsExactly(4, 5);
    }

    /// An attention layer's fused projection cut into query, key and value: rows copied in pieces on four
    /// threads, each element where the slice puts it.
    @Test
    void splitOfALargeTensorOnFourThreadsPutsEveryElementInItsPart() {
        int rows = 400; // 204,800 floats per part: pieces on several threads
        var values = new float[rows * 1536];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        var x = floats(new long[] {1, rows, 1536}, values);
        var parts = KernelCall.of("Split", 18).attr(Attribute.ofInt("axis", -1)).attr(Attribute.ofInt("num_outputs", 3))
                .outputs(3).threads(4).run(x);
        for (int k = 0; k < 3; k++) {
            var part = (Tensor) parts[k];
            assertThat(part.shape()).containsExactly(1, rows, 512);
            for (int row = 0; row < rows; row++) {
                for (int col = 0; col < 512; col += 97) {
                    assertThat(part.floats()[row * 512 + col]).isEqualTo(row * 1536 + k * 512 + col);
                }
            }
        }
    }

    @Test
    void castToFloat8RoundsToNearestEvenAndSaturates() {
        var x = floats(new long[] {5}, 1.0625f, 1.1875f, 1000f, Float.POSITIVE_INFINITY, -0.0f);
        var to = Attribute.ofInt("to", ElementType.FLOAT8E4M3FN.code());
        var saturated = KernelCall.of("Cast", 19).attr(to).apply(x);
        // 1.0625 ties between 1.0 (0x38) and 1.125 (0x39): even wins; 1.1875 ties up to 1.25 (0x3A).
        assertThat(saturated.bytes()).containsExactly(0x38, 0x3A, 0x7E, 0x7E, (byte) 0x80);
        var wrapped = KernelCall.of("Cast", 19).attr(to).attr(Attribute.ofInt("saturate", 0)).apply(x);
        assertThat(wrapped.bytes()).containsExactly(0x38, 0x3A, 0x7F, 0x7F, (byte) 0x80);
        var e5m2 = KernelCall.of("Cast", 19).attr(Attribute.ofInt("to", ElementType.FLOAT8E5M2.code()))
                .attr(Attribute.ofInt("saturate", 0)).apply(x);
        assertThat(e5m2.bytes()[3]).isEqualTo((byte) 0x7C);
        var fnuz = KernelCall.of("Cast", 19).attr(Attribute.ofInt("to", ElementType.FLOAT8E4M3FNUZ.code())).apply(x);
        assertThat(fnuz.bytes()[3]).isEqualTo((byte) 0x80);
        assertThat(fnuz.bytes()[4]).isZero();
    }

    @Test
    void castBetweenNumbersAndStrings() {
        var x = Tensor.of(ElementType.DOUBLE, new long[] {4}, new double[] {1.0, 1e-5, 1.5e16, Double.NaN});
        var s = KernelCall.of("Cast", 13).attr(Attribute.ofInt("to", ElementType.STRING.code())).apply(x);
        assertThat(s.strings()).containsExactly("1.0", "1e-05", "1.5e+16", "nan");
        var text = Tensor.of(ElementType.STRING, new long[] {3}, new String[] {"-inf", " 42 ", "1E3"});
        var back = KernelCall.of("Cast", 13).attr(Attribute.ofInt("to", ElementType.INT32.code())).apply(
                Tensor.of(ElementType.STRING, new long[] {1}, new String[] {" 42 "}));
        assertThat(back.ints()).containsExactly(42);
        var f = KernelCall.of("Cast", 13).attr(Attribute.ofInt("to", ElementType.FLOAT.code())).apply(text);
        assertThat(f.floats()).containsExactly(Float.NEGATIVE_INFINITY, 42f, 1000f);
    }

    @Test
    void castKeepsInt64Exact() {
        var x = Tensor.ofLongs(new long[] {1}, (1L << 53) + 1);
        var y = KernelCall.of("Cast", 13).attr(Attribute.ofInt("to", ElementType.UINT64.code())).apply(x);
        assertThat(y.longs()).containsExactly((1L << 53) + 1);
    }

    @Test
    void scatterElementsReducesWithMaxAndMin() {
        var data = floats(new long[] {3}, 5, 5, 5);
        var indices = longs(0, 0, 2);
        var updates = floats(new long[] {3}, 7, 9, 1);
        var max = KernelCall.of("ScatterElements", 18).attr(Attribute.ofString("reduction", "max")).apply(data, indices, updates);
        assertThat(max.floats()).containsExactly(9, 5, 5);
        var min = KernelCall.of("ScatterElements", 18).attr(Attribute.ofString("reduction", "min")).apply(data, indices, updates);
        assertThat(min.floats()).containsExactly(5, 5, 1);
    }

    @Test
    void centerCropPadCropsAndPadsAroundTheCentre() {
        var x = floats(new long[] {2, 3}, 1, 2, 3, 4, 5, 6);
        var y = KernelCall.of("CenterCropPad", 18).apply(x, longs(4, 1));
        assertThat(y.shape()).containsExactly(4, 1);
        assertThat(y.floats()).containsExactly(0, 2, 5, 0);
    }

    @Test
    void uniqueUnsortedKeepsFirstOccurrenceOrderForStrings() {
        var x = Tensor.of(ElementType.STRING, new long[] {4}, new String[] {"b", "a", "b", "c"});
        var out = KernelCall.of("Unique", 11).attr(Attribute.ofInt("sorted", 0)).outputs(4).run(x);
        assertThat(((Tensor) out[0]).strings()).containsExactly("b", "a", "c");
        assertThat(((Tensor) out[1]).longs()).containsExactly(0, 1, 3);
        assertThat(((Tensor) out[2]).longs()).containsExactly(0, 1, 0, 2);
        assertThat(((Tensor) out[3]).longs()).containsExactly(2, 1, 1);
    }

    @Test
    void topKBreaksTiesByIndex() {
        var x = floats(new long[] {5}, 3, 1, 3, 2, 1);
        var out = KernelCall.of("TopK", 11).attr(Attribute.ofInt("largest", 0)).outputs(2).run(x, longs(3));
        assertThat(((Tensor) out[0]).floats()).containsExactly(1, 1, 2);
        assertThat(((Tensor) out[1]).longs()).containsExactly(1, 4, 3);
    }

    @Test
    void growingKernelsHonourTheSessionSizeCap() {
        var x = floats(new long[] {1}, 1);
        assertThatThrownBy(() -> AllocationGuard.withLimit(1000, () -> KernelCall.of("Expand", 13).apply(x, longs(1000, 1000))))
                .isInstanceOf(TensorSizeException.class).hasMessageContaining("float[1000, 1000]");
        assertThatThrownBy(() -> AllocationGuard.withLimit(1000, () -> KernelCall.of("Tile", 13).apply(x, longs(1 << 20))))
                .isInstanceOf(TensorSizeException.class);
    }

    @Test
    void errorsNameTheValueAndTheProblem() {
        var x = floats(new long[] {2, 3}, 1, 2, 3, 4, 5, 6);
        assertThatThrownBy(() -> KernelCall.of("Reshape", 14).apply(x, longs(4, -1)))
                .isInstanceOf(KernelException.class).hasMessageContaining("cannot reshape").hasMessageContaining("[4, -1]");
        assertThatThrownBy(() -> KernelCall.of("Gather", 13).apply(x, longs(2)))
                .isInstanceOf(KernelException.class).hasMessageContaining("index 2 is out of range");
        assertThatThrownBy(() -> KernelCall.of("Slice", 13).apply(x, floats(new long[] {1}, 0), longs(1)))
                .isInstanceOf(KernelException.class).hasMessageContaining("starts must be a tensor of int32 or int64");
    }
}
