package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Random;
import java.util.function.DoubleSupplier;

/// The same values as a float32 and a float64 tensor, for tests that hold a kernel's float path to its double
/// path.
public final class TwinTensors {

    private TwinTensors() {
    }

    /// Gaussian values of `shape` (rounded to float): `{float tensor, double tensor}`.
    public static Tensor[] gaussian(Random random, long... shape) {
        return of(shape, random::nextGaussian);
    }

    /// Values of `shape` drawn from `values` and rounded to float: `{float tensor, double tensor}`.
    public static Tensor[] of(long[] shape, DoubleSupplier values) {
        var f = Tensor.allocate(ElementType.FLOAT, shape);
        var d = Tensor.allocate(ElementType.DOUBLE, shape);
        for (int i = 0; i < f.size(); i++) {
            float v = (float) values.getAsDouble();
            f.floats()[i] = v;
            d.doubles()[i] = v;
        }
        return new Tensor[] {f, d};
    }
}
