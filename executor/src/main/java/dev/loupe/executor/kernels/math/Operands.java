package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

/// Access to a node's inputs with messages that name the operator, the input and the expected kind.
final class Operands {

    private Operands() {
    }

    /// Input `i`, which must be a tensor.
    static Tensor tensor(String op, RuntimeValue[] inputs, int i, String name) {
        var v = i < inputs.length ? inputs[i] : null;
        if (v == null) {
            throw new KernelException(op + " input " + i + " (" + name + ") is required but missing");
        }
        if (!(v instanceof Tensor t)) {
            throw new KernelException(op + " input " + i + " (" + name + ") must be a tensor but is " + v.describe());
        }
        return t;
    }

    /// Input `i` when given, else `null`.
    static Tensor optionalTensor(String op, RuntimeValue[] inputs, int i, String name) {
        return i < inputs.length && inputs[i] != null ? tensor(op, inputs, i, name) : null;
    }

    /// Checks that two inputs share one element type, as the operator's type constraint requires.
    static void sameType(String op, Tensor a, String aName, Tensor b, String bName) {
        if (a.type() != b.type()) {
            throw new KernelException(op + " needs " + aName + " and " + bName + " of one type, but " + aName + " is "
                    + a.describe() + " and " + bName + " is " + b.describe());
        }
    }

    /// The integer values of a 0-D or 1-D int32/int64 tensor (axes, shapes, counts).
    static long[] longs(String op, Tensor t, String name) {
        return switch (t.type()) {
            case INT64 -> t.longs().clone();
            case INT32 -> {
                var src = t.ints();
                var out = new long[src.length];
                for (int i = 0; i < src.length; i++) {
                    out[i] = src[i];
                }
                yield out;
            }
            default -> throw new KernelException(op + " input " + name + " must be int32 or int64 but is " + t.describe());
        };
    }

    /// The single integer of a scalar or one-element int32/int64 tensor.
    static long scalarLong(String op, Tensor t, String name) {
        var v = longs(op, t, name);
        if (v.length != 1) {
            throw new KernelException(op + " input " + name + " must hold one value but is " + t.describe());
        }
        return v[0];
    }
}
