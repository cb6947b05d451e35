package dev.loupe.executor.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StridedLayoutTest {

    @Test
    void contiguousLayoutsGiveSizeOneAxesNoStride() {
        var layout = StridedLayout.contiguous(new long[] {2, 1, 3, 4});
        assertThat(layout.strides()).containsExactly(12, 0, 4, 1);
        assertThat(layout.offset()).isZero();
    }

    /// The positions a `[0, 2, 1]` transpose of a `[2, 3, 4]` tensor's second half along the last axis
    /// reads, worked out by hand: element `(i, j, k)` of the `[2, 2, 3]` result lies at `12 i + 4 k + 2 + j`.
    @Test
    void positionsOfATransposedSliceAreALayout() {
        var shape = new long[] {2, 2, 3};
        var positions = new int[12];
        int n = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                for (int k = 0; k < 3; k++) {
                    positions[n++] = 12 * i + 4 * k + 2 + j;
                }
            }
        }
        var layout = StridedLayout.affine(shape, positions);
        assertThat(layout).isNotNull();
        assertThat(layout.strides()).containsExactly(12, 1, 4);
        assertThat(layout.offset()).isEqualTo(2);
    }

    @Test
    void positionsThatAreNoLayoutGiveNone() {
        // A [2, 3] transpose flattened to [6]: 0, 3, 1, 4, 2, 5.
        assertThat(StridedLayout.affine(new long[] {6}, new int[] {0, 3, 1, 4, 2, 5})).isNull();
        assertThat(StridedLayout.affine(new long[] {2, 2}, new int[] {0, 1, 2, 4})).isNull();
        assertThat(StridedLayout.affine(new long[] {0, 3}, new int[0])).isNull();
    }
}
