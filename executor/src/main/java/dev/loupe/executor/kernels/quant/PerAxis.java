package dev.loupe.executor.kernels.quant;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.Shapes;

import java.util.Arrays;

/// Which scale and zero point applies to each element of a tensor quantized per tensor (one value) or per
/// axis (one value per index of `axis`).
///
/// @param inner the number of consecutive elements sharing one index of the axis
/// @param count the number of scale values (1 per tensor)
record PerAxis(int inner, int count) {

    static PerAxis of(long[] shape, long axisAttribute, int scaleCount, String scaleName) {
        if (scaleCount == 1) {
            return new PerAxis(1, 1);
        }
        int axis = Shapes.normalizeAxis(axisAttribute, shape.length);
        if (shape[axis] != scaleCount) {
            throw new KernelException("input " + scaleName + " has " + scaleCount + " values, but axis " + axis + " of "
                    + Arrays.toString(shape) + " has " + shape[axis] + "; expected one value or one per index of the axis");
        }
        int inner = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            inner *= (int) shape[d];
        }
        return new PerAxis(inner, scaleCount);
    }

    /// The scale index of element `i`.
    int index(int i) {
        return count == 1 ? 0 : (i / inner) % count;
    }
}
