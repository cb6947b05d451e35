package dev.loupe.app.debug;

import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import java.util.SplittableRandom;

/// Random tensors for inputs the user has no data for: uniform values in a range, reproducible from a seed.
final class RandomTensors {

    private RandomTensors() {
    }

    /// Whether random values of `type` can be made.
    static boolean supports(ElementType type) {
        return switch (type) {
            case FLOAT, DOUBLE, FLOAT16, BFLOAT16, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, BOOL -> true;
            default -> false;
        };
    }

    /// The usual range for `type`: `[-1, 1]` for floating point, `[0, 10]` for integers, `[0, 1]` for bool.
    static double[] defaultRange(ElementType type) {
        if (type == null || type.isFloatingPoint()) {
            return new double[] {-1, 1};
        }
        return type == ElementType.BOOL ? new double[] {0, 1} : new double[] {0, 10};
    }

    /// A tensor of `type` and `shape` with values drawn uniformly from `[low, high]` (integers: whole
    /// numbers in that closed range; bool: true with probability one half).
    ///
    /// @throws IllegalArgumentException for a type [#supports] rejects, or `low > high`
    static Tensor uniform(ElementType type, long[] shape, double low, double high, SplittableRandom rng) {
        if (!supports(type)) {
            throw new IllegalArgumentException("random values of type " + type.onnxName() + " are not supported");
        }
        if (!(low <= high)) {
            throw new IllegalArgumentException("the range [" + low + ", " + high + "] is empty");
        }
        var t = Tensor.allocate(type, shape);
        int n = t.size();
        if (type == ElementType.BOOL) {
            for (int i = 0; i < n; i++) {
                t.setLong(i, rng.nextBoolean() ? 1 : 0);
            }
        } else if (type.isFloatingPoint()) {
            for (int i = 0; i < n; i++) {
                t.setDouble(i, low == high ? low : low + (high - low) * rng.nextDouble());
            }
        } else {
            long lo = (long) Math.ceil(low);
            long hi = (long) Math.floor(high);
            if (lo > hi) {
                throw new IllegalArgumentException("the range [" + low + ", " + high + "] holds no integer");
            }
            for (int i = 0; i < n; i++) {
                t.setLong(i, lo == hi ? lo : rng.nextLong(lo, hi + 1 == Long.MIN_VALUE ? hi : hi + 1));
            }
        }
        return t;
    }
}
