package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/// The blocked permutation against the element-by-element one ([Elements#permute]) over every permutation of
/// ranks up to 4, with size-1, odd and empty axes, for float (tiled path), int64 and string (block path or
/// fallback) tensors.
class AxisPermutationTest {

    private static final long[][] SHAPES = {{}, {5}, {1, 1}, {3, 1}, {17, 33}, {1, 19, 1}, {2, 3, 4}, {4, 0, 3},
        {1, 16, 3, 20}, {2, 5, 1, 7}, {3, 18, 2, 17}};

    @Test
    void everyPermutationMatchesTheElementwiseCopy() {
        check(SHAPES, KernelCall.CONTEXT);
    }

    /// Shapes large enough to be copied in pieces on several threads (an attention layer's heads at sequence
    /// 256 among them).
    @Test
    void largePermutationsOnFourThreadsMatchTheElementwiseCopy() {
        check(new long[][] {{2, 256, 8, 64}, {3, 260, 170}}, KernelCall.context(4));
    }

    private static void check(long[][] shapes, dev.loupe.executor.kernel.KernelContext context) {
        var r = new Random(2);
        for (var shape : shapes) {
            for (var perm : permutations(shape.length)) {
                for (var type : List.of(ElementType.FLOAT, ElementType.INT64, ElementType.STRING)) {
                    var x = Tensor.allocate(type, shape);
                    for (int i = 0; i < x.size(); i++) {
                        switch (type) {
                            case FLOAT -> x.floats()[i] = r.nextFloat();
                            case INT64 -> x.longs()[i] = r.nextLong();
                            default -> ((String[]) x.data())[i] = "s" + i;
                        }
                    }
                    var got = AxisPermutation.apply(x, perm, context);
                    var want = Elements.permute(x, perm);
                    assertThat(got.shape()).isEqualTo(want.shape());
                    assertThat(got.type()).isEqualTo(type);
                    switch (type) {
                        case FLOAT -> assertThat(got.floats()).isEqualTo(want.floats());
                        case INT64 -> assertThat(got.longs()).isEqualTo(want.longs());
                        default -> assertThat((String[]) got.data()).isEqualTo((String[]) want.data());
                    }
                }
            }
        }
    }

    private static List<int[]> permutations(int n) {
        var out = new ArrayList<int[]>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] p, boolean[] used, int at, List<int[]> out) {
        if (at == p.length) {
            out.add(p.clone());
            return;
        }
        for (int i = 0; i < p.length; i++) {
            if (!used[i]) {
                used[i] = true;
                p[at] = i;
                permute(p, used, at + 1, out);
                used[i] = false;
            }
        }
    }
}
