package dev.loupe.executor.kernels.signal;

import dev.loupe.executor.kernels.ml.TestNodes;
import dev.loupe.executor.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static dev.loupe.executor.kernels.ml.TestNodes.integer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/// Expected values from NumPy's `fft.rfft` and `fft.ifft`.
class DftKernelTest {

    @Test
    void onesidedTransformOfAZeroPaddedRealSignal() {
        var x = Tensor.ofFloats(new long[] {1, 6, 1}, 1, -2, 3, 0.5f, 4, -1);
        var spec = TestNodes.spec("", "DFT", 17, integer("onesided", 1));
        var y = (Tensor) TestNodes.run(spec, x, Tensor.scalarLong(8))[0];
        assertThat(y.shape()).containsExactly(1, 5, 2);
        assertThat(y.floats()).containsExactly(new float[] {5.5f, 0, -4.06066017f, -2.64644661f, 2, 3.5f, -1.93933983f,
                3.35355339f, 10.5f, 0}, within(1e-5f));
    }

    @Test
    void inverseTransformOfAComplexSignalOfOddLength() {
        var x = Tensor.ofFloats(new long[] {1, 5, 2}, 1, 2, -1, 0.5f, 3, -1, 0.25f, 0, 2, 2);
        var y = (Tensor) TestNodes.run(TestNodes.spec("", "DFT", 17, integer("inverse", 1)), x)[0];
        assertThat(y.floats()).containsExactly(new float[] {1.05f, 0.7f, 0.13881636f, 0.46895988f, 0.22518192f, -0.94206413f,
                0.25293338f, 0.80944034f, -0.66693165f, 0.96366392f}, within(1e-6f));
    }
}
