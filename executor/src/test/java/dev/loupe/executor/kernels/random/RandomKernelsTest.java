package dev.loupe.executor.kernels.random;

import dev.loupe.executor.kernels.ml.TestNodes;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import org.junit.jupiter.api.Test;

import static dev.loupe.executor.kernels.ml.TestNodes.integer;
import static dev.loupe.executor.kernels.ml.TestNodes.ints;
import static dev.loupe.executor.kernels.ml.TestNodes.real;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/// The random operators' values are the generator's own, so these tests check shapes, types, ranges,
/// statistics and reproducibility, never particular values.
class RandomKernelsTest {

    @Test
    void seededUniformIsReproducibleAndInRange() {
        var spec = TestNodes.spec("", "RandomUniform", 1, ints("shape", 100, 100), real("low", -2f), real("high", 3f),
                real("seed", 4f), integer("dtype", ElementType.DOUBLE.code()));
        var a = (Tensor) TestNodes.run(spec)[0];
        var b = (Tensor) TestNodes.run(spec)[0];
        assertThat(a.type()).isEqualTo(ElementType.DOUBLE);
        assertThat(a.shape()).containsExactly(100, 100);
        assertThat(a.doubles()).isEqualTo(b.doubles());
        double sum = 0;
        for (double v : a.doubles()) {
            assertThat(v).isBetween(-2.0, 3.0);
            sum += v;
        }
        assertThat(sum / a.size()).isCloseTo(0.5, within(0.05));
    }

    @Test
    void normalLikeTakesTheInputsShapeAndTypeWithTheRequestedMoments() {
        var spec = TestNodes.spec("", "RandomNormalLike", 1, real("mean", 1f), real("scale", 2f), real("seed", 1f));
        var y = (Tensor) TestNodes.run(spec, Tensor.allocate(ElementType.FLOAT, 200, 100))[0];
        assertThat(y.type()).isEqualTo(ElementType.FLOAT);
        assertThat(y.shape()).containsExactly(200, 100);
        double sum = 0;
        double squares = 0;
        for (float v : y.floats()) {
            sum += v;
            squares += v * v;
        }
        double mean = sum / y.size();
        assertThat(mean).isCloseTo(1, within(0.05));
        assertThat(Math.sqrt(squares / y.size() - mean * mean)).isCloseTo(2, within(0.05));
    }

    @Test
    void bernoulliFollowsCertainProbabilitiesExactly() {
        var p = Tensor.of(ElementType.DOUBLE, new long[] {4}, new double[] {0, 1, 0, 1});
        var y = (Tensor) TestNodes.run(TestNodes.spec("", "Bernoulli", 15, integer("dtype", ElementType.BOOL.code())), p)[0];
        assertThat(y.type()).isEqualTo(ElementType.BOOL);
        assertThat(y.bytes()).containsExactly(0, 1, 0, 1);
    }

    @Test
    void multinomialDrawsClassesByTheirProbabilities() {
        var logits = Tensor.ofFloats(new long[] {1, 3}, 0f, (float) Math.log(3), -100f);
        var spec = TestNodes.spec("", "Multinomial", 7, integer("sample_size", 4000), real("seed", 9f),
                integer("dtype", ElementType.INT64.code()));
        var y = (Tensor) TestNodes.run(spec, logits)[0];
        assertThat(y.shape()).containsExactly(1, 4000);
        var counts = new int[3];
        for (long c : y.longs()) {
            counts[(int) c]++;
        }
        assertThat(counts[2]).isZero();
        assertThat(counts[1] / 4000.0).isCloseTo(0.75, within(0.03));
    }
}
