package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/// `Gather` copies one slice per index: every axis, negative and repeated indices, 2-D indices, and element
/// types of one and two storage slots (strings, complex numbers), against an element-by-element reference.
class GatherSlicesTest {

    @Test
    void everyAxisMatchesTheElementwiseDefinition() {
        long[] shape = {2, 3, 4};
        var x = Tensor.allocate(ElementType.FLOAT, shape);
        for (int i = 0; i < x.size(); i++) {
            x.floats()[i] = i;
        }
        for (int axis = 0; axis < 3; axis++) {
            long dim = shape[axis];
            var indices = Tensor.ofLongs(new long[] {2, 2}, -1, 0, dim - 1, -dim);
            var y = KernelCall.of("Gather", 13).attr(Attribute.ofInt("axis", axis)).apply(x, indices);
            int outer = 1;
            for (int d = 0; d < axis; d++) {
                outer *= (int) shape[d];
            }
            int inner = 1;
            for (int d = axis + 1; d < 3; d++) {
                inner *= (int) shape[d];
            }
            int at = 0;
            for (int o = 0; o < outer; o++) {
                for (long idx : indices.longs()) {
                    long k = idx < 0 ? idx + dim : idx;
                    for (int j = 0; j < inner; j++) {
                        assertThat(y.floats()[at++]).as("axis %d", axis).isEqualTo(x.floats()[(int) ((o * dim + k) * inner + j)]);
                    }
                }
            }
            assertThat(at).isEqualTo(y.size());
        }
    }

    @Test
    void stringsAndComplexNumbersCopyWholeElements() {
        var s = Tensor.of(ElementType.STRING, new long[] {3, 2}, new String[] {"a", "b", "c", "d", "e", "f"});
        var picked = KernelCall.of("Gather", 13).apply(s, Tensor.ofLongs(new long[] {2}, 2, 0));
        assertThat((String[]) picked.data()).containsExactly("e", "f", "a", "b");
        var c = Tensor.of(ElementType.COMPLEX64, new long[] {3}, new float[] {1, 2, 3, 4, 5, 6});
        var cp = KernelCall.of("Gather", 13).apply(c, Tensor.ofLongs(new long[] {2}, 1, -1));
        assertThat(cp.floats()).containsExactly(3, 4, 5, 6);
    }
}
