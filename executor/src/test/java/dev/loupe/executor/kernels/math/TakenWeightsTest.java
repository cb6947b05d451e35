package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.ConstantInput;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernels.shape.KernelCall;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.tensor.TensorConversion;
import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/// Kernels that take their weights when a fast plan is made ([dev.loupe.executor.kernel.ConstantTakingKernel])
/// compute from what they took exactly what they compute from the weights given at run time, decline what
/// they do not pack (or, for `Gather`, cannot read where it is stored), still honour weights given in the
/// slot, and name the mismatch when an input does not fit what they took.
class TakenWeightsTest {

    private final SplittableRandom random = new SplittableRandom(17);

    @Test
    void matMulFromTakenWeightsMatchesTheGivenWeights() {
        var b = floats(24, 40);
        for (var a : new Tensor[] {floats(24), floats(7, 24), floats(3, 5, 24)}) {
            var given = KernelCall.of("MatMul", 13).apply(a, b);
            var taken = KernelCall.of("MatMul", 13).taking(1, b).apply(a, null);
            assertThat(taken.shape()).containsExactly(given.shape());
            assertThat(taken.floats()).containsExactly(given.floats());
        }
    }

    /// Weights given in a taken slot are used for that run, and the taken ones again when the slot is empty.
    @Test
    void aKernelThatTookWeightsStillUsesWeightsGivenInTheSlot() {
        var a = floats(6, 16);
        var tookB = floats(16, 9);
        var otherB = floats(16, 9);
        var mm = KernelCall.of("MatMul", 13).taking(1, tookB).applyEach(new Tensor[] {a, otherB}, new Tensor[] {a, null});
        assertThat(mm.get(0).floats()).containsExactly(KernelCall.of("MatMul", 13).apply(a, otherB).floats());
        assertThat(mm.get(1).floats()).containsExactly(KernelCall.of("MatMul", 13).apply(a, tookB).floats());
        var gemm = KernelCall.of("Gemm", 13).taking(1, tookB).applyEach(new Tensor[] {a, otherB}, new Tensor[] {a, null});
        assertThat(gemm.get(0).floats()).containsExactly(KernelCall.of("Gemm", 13).apply(a, otherB).floats());
        assertThat(gemm.get(1).floats()).containsExactly(KernelCall.of("Gemm", 13).apply(a, tookB).floats());
        var x = floats(1, 4, 6, 6);
        var tookW = floats(5, 4, 3, 3);
        var otherW = floats(5, 4, 3, 3);
        var conv = KernelCall.of("Conv", 11).taking(1, tookW).applyEach(new Tensor[] {x, otherW}, new Tensor[] {x, null});
        assertThat(conv.get(0).floats()).containsExactly(KernelCall.of("Conv", 11).apply(x, otherW).floats());
        assertThat(conv.get(1).floats()).containsExactly(KernelCall.of("Conv", 11).apply(x, tookW).floats());
    }

    @Test
    void gemmFromTakenWeightsMatchesTheGivenWeights() {
        var a = floats(5, 12);
        var aT = floats(12, 5);
        var bT = floats(20, 12);
        var c = floats(20);
        var attrs = new Attribute[] {Attribute.ofInt("transB", 1), Attribute.ofFloat("alpha", 0.5f), Attribute.ofFloat("beta", 2f)};
        var given = call("Gemm", 13, attrs).apply(a, bT, c);
        var taken = call("Gemm", 13, attrs).taking(1, bT).apply(a, null, c);
        assertThat(taken.floats()).containsExactly(given.floats());
        var b = floats(12, 20);
        var transA = Attribute.ofInt("transA", 1);
        assertThat(KernelCall.of("Gemm", 13).attr(transA).taking(1, b).apply(aT, null).floats())
                .containsExactly(KernelCall.of("Gemm", 13).attr(transA).apply(aT, b).floats());
    }

    @Test
    void convolutionFromTakenWeightsMatchesTheGivenWeights() {
        var x = floats(2, 6, 9, 11);
        var w = floats(8, 3, 3, 3);
        var bias = floats(8);
        var attrs = new Attribute[] {Attribute.ofInt("group", 2), Attribute.ofInts("pads", 1, 0, 1, 2),
                Attribute.ofInts("strides", 2, 1)};
        var given = call("Conv", 11, attrs).apply(x, w, bias);
        var taken = call("Conv", 11, attrs).taking(1, w).apply(x, null, bias);
        assertThat(taken.shape()).containsExactly(given.shape());
        assertThat(taken.floats()).containsExactly(given.floats());
        var x1 = floats(1, 4, 30);
        var w1 = floats(5, 4, 7);
        assertThat(KernelCall.of("Conv", 11).taking(1, w1).apply(x1, null).floats())
                .containsExactly(KernelCall.of("Conv", 11).apply(x1, w1).floats());
    }

    /// A taken 3x3 filter with unit strides over an image of enough output tiles is computed by Winograd's
    /// method when the vector kernels are on ([dev.loupe.executor.simd.Winograd]; 4x4 tiles for this image):
    /// equal to the direct product up to rounding (bounded by the sum of the terms' magnitudes, the direct
    /// product of the absolute values), for both images of the batch, whatever the padding; the first run's
    /// shapes choose the method, and a later run with other shapes still computes right.
    @Test
    void threeByThreeConvolutionFromTakenWeightsMatchesTheGivenWeightsUpToRounding() {
        var attrs = new Attribute[] {Attribute.ofInts("pads", 1, 0, 2, 1)};
        assertTakenConvolutionCloseToGiven(floats(24, 16, 3, 3), floats(24), attrs, floats(2, 16, 20, 18), floats(1, 16, 5, 4));
    }

    /// A taken deep layer with few output positions (7 x 7 here) is computed as a transposed product when the
    /// vector kernels are on ([dev.loupe.executor.simd.NarrowConvolution]): equal to the direct product up to
    /// rounding, also for a later run with more positions.
    @Test
    void deepLayerWithFewPositionsFromTakenWeightsMatchesTheGivenWeightsUpToRounding() {
        var attrs = new Attribute[] {Attribute.ofInts("pads", 1, 1, 1, 1)};
        assertTakenConvolutionCloseToGiven(floats(64, 128, 3, 3), floats(64), attrs, floats(2, 128, 7, 7), floats(1, 128, 9, 9));
    }

    /// Runs a `Conv` that took `w` on `first`, then on `later`, and compares each result with the same `Conv`
    /// given the weights, up to rounding bounded by the direct product of the absolute values.
    private static void assertTakenConvolutionCloseToGiven(Tensor w, Tensor bias, Attribute[] attrs, Tensor first,
                                                           Tensor later) {
        var taken = call("Conv", 11, attrs).taking(1, w).applyEach(new Tensor[] {first, null, bias},
                new Tensor[] {later, null, bias});
        assertCloseTo(taken.get(0), call("Conv", 11, attrs).apply(first, w, bias),
                call("Conv", 11, attrs).apply(abs(first), abs(w), abs(bias)));
        assertCloseTo(taken.get(1), call("Conv", 11, attrs).apply(later, w, bias),
                call("Conv", 11, attrs).apply(abs(later), abs(w), abs(bias)));
    }

    private static Tensor abs(Tensor t) {
        var copy = Tensor.allocate(ElementType.FLOAT, t.shape());
        for (int i = 0; i < t.size(); i++) {
            copy.floats()[i] = Math.abs(t.floats()[i]);
        }
        return copy;
    }

    private static void assertCloseTo(Tensor actual, Tensor expected, Tensor magnitudes) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        var a = actual.floats();
        var e = expected.floats();
        var m = magnitudes.floats();
        for (int i = 0; i < e.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(e[i], org.assertj.core.data.Offset.offset(1e-5f * (1 + m[i])));
        }
    }

    @Test
    void recurrentOperatorsFromTakenWeightsMatchTheGivenWeights() {
        int hidden = 6;
        for (var op : new String[] {"LSTM", "GRU", "RNN"}) {
            int gates = switch (op) {
                case "LSTM" -> 4;
                case "GRU" -> 3;
                default -> 1;
            };
            var x = floats(5, 2, 7);
            var w = floats(2, gates * hidden, 7);
            var r = floats(2, gates * hidden, hidden);
            var b = floats(2, 2 * gates * hidden);
            var attrs = new Attribute[] {Attribute.ofInt("hidden_size", hidden), Attribute.ofString("direction", "bidirectional")};
            var given = call(op, 14, attrs).outputs(2).run(x, w, r, b);
            var takenW = call(op, 14, attrs).outputs(2).taking(1, w).run(x, null, r, b);
            var takenR = call(op, 14, attrs).outputs(2).taking(2, r).run(x, w, null, b);
            for (int i = 0; i < 2; i++) {
                assertThat(((Tensor) takenW[i]).floats()).as("%s output %d, W taken", op, i).containsExactly(((Tensor) given[i]).floats());
                assertThat(((Tensor) takenR[i]).floats()).as("%s output %d, R taken", op, i).containsExactly(((Tensor) given[i]).floats());
            }
        }
        assertThatThrownBy(() -> KernelCall.of("LSTM", 14).attr(Attribute.ofInt("hidden_size", 3)).taking(1, floats(1, 12, 4))
                .apply(floats(2, 1, 5), null, floats(1, 12, 3)))
                .isInstanceOf(KernelException.class).hasMessage("input W has shape [1, 12, 4], expected [1, 12, 5]");
    }

    @Test
    void gatherReadsATakenTableWhereTheModelStoresIt() {
        var table = floats(10, 3, 4);
        var stored = ConstantInput.stored(TensorConversion.toTensorData(table, "table"));
        var indices = Tensor.ofLongs(new long[] {2, 2}, 9, -1, 0, 3);
        for (long axis : new long[] {0, 1, -1}) {
            var small = Tensor.ofLongs(new long[] {3}, 2, -1, 0);
            var idx = axis == 0 ? indices : small;
            var given = KernelCall.of("Gather", 13).attr(Attribute.ofInt("axis", axis)).apply(table, idx);
            var taken = KernelCall.of("Gather", 13).attr(Attribute.ofInt("axis", axis)).taking(0, stored).apply(null, idx);
            assertThat(taken.shape()).containsExactly(given.shape());
            assertThat(taken.floats()).containsExactly(given.floats());
        }
        assertThatThrownBy(() -> KernelCall.of("Gather", 13).taking(0, stored).apply(null, Tensor.ofLongs(new long[] {1}, 10)))
                .isInstanceOf(KernelException.class).hasMessage("index 10 is out of range for an axis of size 10");
    }

    @Test
    void gatherDeclinesTablesItCannotReadInPlace() {
        var computed = ConstantInput.computed(floats(4, 2));
        assertThatThrownBy(() -> KernelCall.of("Gather", 13).taking(0, computed).apply(null, Tensor.ofLongs(new long[] {1}, 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not take");
        var ints = ConstantInput.stored(TensorConversion.toTensorData(Tensor.ofLongs(new long[] {3}, 1, 2, 3), "ints"));
        assertThatThrownBy(() -> KernelCall.of("Gather", 13).taking(0, ints).apply(null, Tensor.ofLongs(new long[] {1}, 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not take");
    }

    @Test
    void weightsThatAreNotPackedAreDeclined() {
        var depthwise = floats(6, 1, 3, 3);
        assertThatThrownBy(() -> KernelCall.of("Conv", 11).attr(Attribute.ofInt("group", 6)).taking(1, depthwise)
                .apply(floats(1, 6, 5, 5), null)).isInstanceOf(IllegalStateException.class).hasMessageContaining("did not take");
        var doubles = Tensor.allocate(ElementType.DOUBLE, 4, 4);
        assertThatThrownBy(() -> KernelCall.of("MatMul", 13).taking(1, doubles).apply(Tensor.allocate(ElementType.DOUBLE, 2, 4), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not take");
        assertThatThrownBy(() -> KernelCall.of("MatMul", 13).taking(1, floats(4)).apply(floats(2, 4), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not take");
    }

    @Test
    void inputsThatDoNotFitTakenWeightsAreNamed() {
        assertThatThrownBy(() -> KernelCall.of("MatMul", 13).taking(1, floats(8, 3)).apply(floats(2, 5), null))
                .isInstanceOf(KernelException.class).hasMessage("MatMul cannot multiply float[2,5] by its float[8,3] weights");
        assertThatThrownBy(() -> KernelCall.of("Gemm", 13).taking(1, floats(8, 3)).apply(floats(2, 5), null))
                .isInstanceOf(KernelException.class).hasMessageContaining("float[2,5] by its weights float[8,3]");
        assertThatThrownBy(() -> KernelCall.of("Conv", 11).taking(1, floats(4, 3, 3, 3)).apply(floats(1, 2, 5, 5), null))
                .isInstanceOf(KernelException.class).hasMessageContaining("W float[4,3,3,3] does not fit X float[1,2,5,5]");
        assertThatThrownBy(() -> KernelCall.of("Conv", 11).taking(1, floats(4, 3, 3, 3))
                .apply(Tensor.allocate(ElementType.DOUBLE, 1, 3, 5, 5), null))
                .isInstanceOf(KernelException.class).hasMessageContaining("must be float like the weights");
    }

    private static KernelCall call(String op, long opset, Attribute... attributes) {
        var call = KernelCall.of(op, opset);
        for (var a : attributes) {
            call.attr(a);
        }
        return call;
    }

    private Tensor floats(long... shape) {
        var t = Tensor.allocate(ElementType.FLOAT, shape);
        for (int i = 0; i < t.size(); i++) {
            t.floats()[i] = (float) random.nextDouble(-1, 1);
        }
        return t;
    }
}
