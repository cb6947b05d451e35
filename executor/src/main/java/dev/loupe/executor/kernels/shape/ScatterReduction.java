package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// The `reduction` attribute of `ScatterElements` and `ScatterND`: how an update combines with the value
/// already at its position. Updates apply in order, so with `NONE` the last of several updates to one
/// position wins.
enum ScatterReduction {
    NONE, ADD, MUL, MAX, MIN;

    static ScatterReduction of(String name) {
        return switch (name) {
            case "none" -> NONE;
            case "add" -> ADD;
            case "mul" -> MUL;
            case "max" -> MAX;
            case "min" -> MIN;
            default -> throw new KernelException("reduction \"" + name + "\" is not one of none, add, mul, max, min");
        };
    }

    /// `data` with `updates[i]` combined into flat position `target[i]`, for every `i`.
    Tensor apply(Tensor data, int[] target, Tensor updates) {
        if (updates.type() != data.type()) {
            throw new KernelException("updates " + updates.describe() + " must have the element type of data " + data.describe());
        }
        var shape = data.shape();
        if (this == NONE) {
            var out = Elements.copy(data);
            Elements.scatter(out, target, updates.data(), Elements.width(data.type()));
            return Tensor.of(data.type(), shape, out);
        }
        var type = data.type();
        if (type.isInteger() || type == ElementType.BOOL) {
            var out = Numbers.toLongs(data);
            var u = Numbers.toLongs(updates);
            for (int i = 0; i < target.length; i++) {
                out[target[i]] = combine(out[target[i]], u[i]);
            }
            return Numbers.fromLongs(type, shape, out);
        }
        var out = Numbers.toDoubles(data).clone();
        var u = Numbers.toDoubles(updates);
        for (int i = 0; i < target.length; i++) {
            out[target[i]] = combine(out[target[i]], u[i]);
        }
        return Numbers.fromDoubles(type, shape, out);
    }

    private long combine(long a, long b) {
        return switch (this) {
            case NONE -> b;
            case ADD -> a + b;
            case MUL -> a * b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
        };
    }

    private double combine(double a, double b) {
        return switch (this) {
            case NONE -> b;
            case ADD -> a + b;
            case MUL -> a * b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
        };
    }
}
